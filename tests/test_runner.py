"""`python -m tfkeras_shim script.py` and import aliasing (`tensorflow`/`keras` -> the shim)."""
import importlib
import importlib.util
import json
import os
import subprocess
import sys
import textwrap

import pytest

import tfkeras_shim
from tfkeras_shim import _aliases
from tests.example_compare import compare_output, expected_output, run_example

pytestmark = pytest.mark.covers("python -m tfkeras_shim", "tfkeras_shim.install_aliases")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ALIAS_ROOTS = ("tensorflow", "keras", "tf_keras")


def _env(extra_path=None):
    env = dict(os.environ, TFKERAS_SHIM_DEVICE="cpu", PYTHONDONTWRITEBYTECODE="1")
    env.pop("PYTHONPATH", None)
    if extra_path:
        env["PYTHONPATH"] = extra_path
    return env


def run_shim(*args, cwd=None, extra_path=None, stdin=None):
    return subprocess.run([sys.executable, "-m", "tfkeras_shim", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True, timeout=300, env=_env(extra_path))


def write(path, code):
    path.write_text(textwrap.dedent(code))
    return path


def alias_modules():
    return sorted(k for k in sys.modules if k.partition(".")[0] in ALIAS_ROOTS)


@pytest.fixture
def fake_tensorflow(tmp_path, monkeypatch):
    """A stand-in for a real installed `tensorflow` package on sys.path."""
    pkg = tmp_path / "site" / "tensorflow"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("REAL = 'fake tensorflow'\n")
    (pkg / "extra.py").write_text("X = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    importlib.invalidate_caches()
    return tmp_path / "site"


@pytest.fixture
def clean_aliases(monkeypatch):
    """Run a test with no alias modules imported; restore sys.modules and sys.meta_path after."""
    saved = {k: sys.modules.pop(k) for k in alias_modules()}
    meta = list(sys.meta_path)
    yield
    _aliases.uninstall()
    for k in alias_modules():
        del sys.modules[k]
    sys.modules.update(saved)
    sys.meta_path[:] = meta


# -- the runner ---------------------------------------------------------------------------------

SCRIPT = """\
    import json
    import os
    import sys

    import tensorflow as tf
    import tensorflow.math
    from tensorflow import math as tfmath
    from tensorflow.errors import InvalidArgumentError
    from tensorflow import keras
    import keras as plain_keras

    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    print(tf.add(x, 1.0))
    print(tf.matmul(x, x).numpy().tolist())
    try:
        tf.add(tf.constant(1), 1.5)
    except InvalidArgumentError as e:
        print("InvalidArgumentError caught")
    print(json.dumps({
        "argv": sys.argv,
        "name": __name__,
        "file": __file__,
        "path0": sys.path[0],
        "tf": tf.__name__,
        "math_same": tfmath is tf.math and tensorflow.math is tf.math,
        "keras_same": keras is plain_keras is tf.keras,
        "version": tf.__version__,
    }))
"""


def test_runs_unchanged_tf_script(tmp_path):
    script = write(tmp_path / "train.py", SCRIPT)
    r = run_shim(str(script), "--epochs", "3", "x y", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "tf.Tensor("
    assert "tf.Tensor(\n[[2. 3.]\n [4. 5.]], shape=(2, 2), dtype=float32)" in r.stdout
    assert "[[7.0, 10.0], [15.0, 22.0]]" in r.stdout
    assert "InvalidArgumentError caught" in r.stdout
    info = json.loads(lines[-1])
    assert info["argv"] == [str(script), "--epochs", "3", "x y"]
    assert info["name"] == "__main__"
    assert info["file"] == str(script)
    assert info["path0"] == str(tmp_path)
    assert info["tf"] == "tfkeras_shim"
    assert info["math_same"] and info["keras_same"]
    assert info["version"] == tfkeras_shim.__version__


def test_relative_script_path_and_sibling_import(tmp_path):
    (tmp_path / "helpers.py").write_text("import tensorflow as tf\nTWO = tf.constant(2)\n")
    write(tmp_path / "main.py", """\
        import sys
        import helpers
        import tensorflow as tf
        print(sys.argv, __file__, int(tf.add(helpers.TWO, 3)))
    """)
    r = run_shim("main.py", "a", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == f"['main.py', 'a'] {tmp_path / 'main.py'} 5"


def test_keras_layers_import_forms(tmp_path):
    script = write(tmp_path / "model.py", """\
        import tensorflow as tf
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.layers import Dense, Input
        import tensorflow.keras.layers as L
        import keras as k
        from keras import layers as klayers
        assert layers is L is klayers is keras.layers is k.layers
        assert Dense is layers.Dense
        print(type(Dense(3)).__name__)
    """)
    r = run_shim(str(script), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "Dense"


def test_traceback_points_at_script(tmp_path):
    script = write(tmp_path / "fails.py", """\
        import tensorflow as tf

        def step(v):
            return tf.add(v, 1.5)

        print("before")
        step(tf.constant(1))
    """)
    r = run_shim(str(script), cwd=tmp_path)
    assert r.returncode == 1
    assert r.stdout == "before\n"
    err = r.stderr
    assert err.startswith("Traceback (most recent call last):\n"), err
    assert f'File "{script}", line 7, in <module>' in err
    assert f'File "{script}", line 4, in step' in err
    assert "__main__.py" not in err and "runpy" not in err   # runner frames trimmed
    assert "InvalidArgumentError" in err.splitlines()[-1]
    # the script frame is the first one shown
    first = [ln for ln in err.splitlines() if ln.strip().startswith("File ")][0]
    assert str(script) in first


def test_system_exit_passes_through(tmp_path):
    script = write(tmp_path / "ex.py", """\
        import sys
        import tensorflow
        if sys.argv[1] == "code":
            sys.exit(7)
        sys.exit("stopping early")
    """)
    r = run_shim(str(script), "code", cwd=tmp_path)
    assert (r.returncode, r.stderr) == (7, "")
    r = run_shim(str(script), "msg", cwd=tmp_path)
    assert r.returncode == 1 and r.stderr.strip() == "stopping early"


def test_usage_without_script_exits_2(tmp_path):
    r = run_shim(cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.startswith("usage: python -m tfkeras_shim") and r.stdout == ""


def test_main_bad_arguments(tmp_path, capsys, monkeypatch):
    from tfkeras_shim.__main__ import main
    monkeypatch.chdir(tmp_path)
    assert main([]) == 2
    assert capsys.readouterr().err.startswith("usage:")
    assert main(["--help"]) == 0
    assert capsys.readouterr().out.startswith("usage:")
    assert main(["missing_script.py"]) == 2
    assert "can't open file" in capsys.readouterr().err
    assert main(["-c"]) == 2
    assert "Argument expected" in capsys.readouterr().err
    assert main(["--bogus"]) == 2
    assert "unknown option" in capsys.readouterr().err
    assert not _aliases.is_installed()     # nothing was run, nothing installed


def test_c_and_m_forms(tmp_path):
    code = ("import sys, tensorflow as tf\nprint(sys.argv, __name__, int(tf.add(2, 3)))\n"
            "def f():\n    1/0\nf()")
    r = run_shim("-c", code, "arg", cwd=tmp_path)
    assert r.returncode == 1
    assert r.stdout.strip() == "['-c', 'arg'] __main__ 5"
    frames = [ln.strip() for ln in r.stderr.splitlines() if ln.strip().startswith("File ")]
    assert frames == ['File "<string>", line 5, in <module>', 'File "<string>", line 4, in f'], r.stderr

    pkg = tmp_path / "mypkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    write(pkg / "job.py", """\
        import sys
        import tensorflow as tf
        print(__name__, sys.argv[1:], tf.__name__)
    """)
    r = run_shim("-m", "mypkg.job", "1", "2", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "__main__ ['1', '2'] tfkeras_shim"

    (pkg / "boom.py").write_text("import tensorflow\nraise ValueError('from module')\n")
    r = run_shim("-m", "mypkg.boom", cwd=tmp_path)
    assert r.returncode == 1
    frames = [ln for ln in r.stderr.splitlines() if ln.strip().startswith("File ")]
    assert frames == [f'  File "{pkg / "boom.py"}", line 2, in <module>'], r.stderr


def test_missing_shim_module_error_names_both(tmp_path):
    r = run_shim("-c", "import tensorflow.no_such_module", cwd=tmp_path)
    assert r.returncode == 1
    last = r.stderr.strip().splitlines()[-1]
    assert last.startswith("ModuleNotFoundError:")
    assert "'tensorflow.no_such_module'" in last and "'tfkeras_shim.no_such_module'" in last
    assert "_aliases.py" not in r.stderr      # reads like any failed import


# -- aliasing on / off -------------------------------------------------------------------------

def test_real_tensorflow_shadowed_only_while_aliasing(fake_tensorflow, tmp_path):
    script = write(tmp_path / "which.py", """\
        import tensorflow
        print(getattr(tensorflow, "REAL", tensorflow.__name__))
    """)
    plain = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                           timeout=300, env=_env(str(fake_tensorflow)))
    assert plain.returncode == 0, plain.stderr
    assert plain.stdout.strip() == "fake tensorflow"
    shim = run_shim(str(script), extra_path=str(fake_tensorflow), cwd=tmp_path)
    assert shim.returncode == 0, shim.stderr
    assert shim.stdout.strip() == "tfkeras_shim"


def test_install_uninstall_round_trip(clean_aliases, fake_tensorflow):
    import tensorflow as real
    import tensorflow.extra  # noqa: F401
    assert real.REAL == "fake tensorflow"

    tfkeras_shim.install_aliases()
    tfkeras_shim.install_aliases()                         # idempotent
    finders = [f for f in sys.meta_path if isinstance(f, _aliases._AliasFinder)]
    assert len(finders) == 1 and sys.meta_path[0] is finders[0]

    import tensorflow as tf
    import tensorflow.math as tm
    from tensorflow import math as tm2
    import keras
    assert tf is tfkeras_shim
    assert tm is tm2 is tfkeras_shim.math is sys.modules["tensorflow.math"]
    assert keras is tfkeras_shim.keras is sys.modules["keras"]
    assert "tensorflow.extra" not in sys.modules                 # real submodules moved aside
    # the shim's own module identity is untouched by being imported under another name
    assert tfkeras_shim.__spec__.name == "tfkeras_shim"
    assert tfkeras_shim.math.__spec__.name == "tfkeras_shim.math"
    assert tfkeras_shim.keras.__name__ == "tfkeras_shim.keras"

    tfkeras_shim.uninstall_aliases()
    tfkeras_shim.uninstall_aliases()                       # a second call is a no-op
    assert not any(isinstance(f, _aliases._AliasFinder) for f in sys.meta_path)
    assert alias_modules() == ["tensorflow", "tensorflow.extra"]
    import tensorflow as again
    assert again is real
    assert tfkeras_shim.math.__spec__.name == "tfkeras_shim.math"


def test_aliasing_off_leaves_import_tensorflow_alone(clean_aliases):
    assert not _aliases.is_installed()
    spec = importlib.util.find_spec("tensorflow")
    assert spec is None or "tfkeras_shim" not in str(spec.origin)
    tfkeras_shim.install_aliases()
    assert importlib.util.find_spec("tensorflow").loader_state == "tfkeras_shim"
    tfkeras_shim.uninstall_aliases()
    spec = importlib.util.find_spec("tensorflow")
    assert spec is None or "tfkeras_shim" not in str(spec.origin)


def test_missing_submodule_in_process(clean_aliases):
    tfkeras_shim.install_aliases()
    with pytest.raises(ModuleNotFoundError, match=r"tensorflow\.nope.*tfkeras_shim\.nope") as ei:
        importlib.import_module("tensorflow.nope")
    assert ei.value.name == "tensorflow.nope"
    assert "tensorflow.nope" not in sys.modules
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("keras.nope")


def test_alias_finder_after_other_finders_is_moved_first(clean_aliases):
    tfkeras_shim.install_aliases()
    finder = sys.meta_path[0]
    sys.meta_path.remove(finder)
    sys.meta_path.insert(1, finder)
    tfkeras_shim.install_aliases()
    assert sys.meta_path[0] is finder and sys.meta_path.count(finder) == 1


# -- the example -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def example_run():
    return run_example("linear_regression.py")


def test_linear_regression_example_matches_tf(example_run):
    """examples/linear_regression.py under the shim prints what real TF printed (expected.txt);
    the rules and the tolerance are those of tests/example_compare.py (also used by test_examples.py)."""
    r = example_run
    assert r.returncode == 0, r.stderr
    diffs = compare_output(r.stdout, expected_output("linear_regression.py"))
    assert not diffs, "\n".join(diffs)


def test_linear_regression_example_is_silent(example_run):
    """Real TF prints nothing on stderr for this script (with TF_CPP_MIN_LOG_LEVEL=3)."""
    assert example_run.returncode == 0
    assert example_run.stderr == ""
