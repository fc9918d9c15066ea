"""compat_matrix.md must match what the shim and its tests prove (regenerate with tools/gen_compat_matrix.py)."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_compat_matrix_is_current():
    r = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "gen_compat_matrix.py"), "--check"],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stdout + r.stderr
