"""Benchmark suite: tf.keras code on the shim vs the same model as a hand-written torch loop.

    .venv/bin/python bench/run.py [--device cpu|cuda] [--workload NAME ...] [--repeats N]
                                  [--threads N] [--quick] [--json FILE] [--profile DIR]

Every measurement runs in its own fresh interpreter (bench/workloads/worker.py). Jobs are
interleaved: each repeat runs every selected workload once per implementation, the order of
the implementations rotating from one repeat to the next, so that load from other jobs on a
shared machine hits all sides alike. Figures are medians over the repeats; ratios are
shim / torch of those medians, measured in the same run ("paired" = the range of the per-repeat
ratios). Implementations:

  shim    the tf.keras script on tfkeras_shim (`import tfkeras_shim as tf`), .venv's python
  torch   the same model as an idiomatic torch loop (the limit a torch-backed shim can reach)
  keras3  Keras 3 on its torch backend, run when bench/.venv-keras exists (optional):
              python -m venv bench/.venv-keras
              bench/.venv-keras/bin/pip install torch==2.13.0 && bench/.venv-keras/bin/pip install keras==3.15.1

Threads: each worker pins torch's intra-op pool to --threads (the shim through
tf.config.threading.set_intra_op_parallelism_threads, which must set torch's: the worker reports
torch.get_num_threads() and the driver flags a mismatch). On a machine shared with other jobs,
torch's OpenMP threads spin-wait and a run with as many threads as cores can be 10x slower and
erratic; --omp-passive sets OMP_WAIT_POLICY=PASSIVE for every worker (stated in the header).

CUDA: --device cuda runs the same workloads plus the CUDA-only rows (ResNet-20, mixed
precision) and reports torch.cuda.max_memory_allocated; without a usable GPU every row is
reported as skipped. Workloads marked CUDA-only are skipped on CPU unless
--allow-cuda-only-on-cpu (to exercise their code on a small --scale).

--profile DIR: after the table, run each selected workload once more per side under py-spy
(sampling, --pyspy PATH or py-spy on PATH; `pip install py-spy` anywhere) and write, per
workload, the functions under the timed region with their self/inclusive time in µs per
step or call (cProfile when py-spy is missing: slower and distorting, top functions only).

--micro: also run the existing micro-benchmarks (bench/ops_overhead.py, optimizer_step.py,
keras_call_overhead.py, fit_mlp.py, data_pipeline.py, jit_compile.py, those present) and print
their output (--quick passes --quick to the ones that take it).
"""
import argparse
import collections
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from workloads import WORKLOADS  # noqa: E402  (plain dict, no heavy imports)

WORKER = os.path.join(HERE, "workloads", "worker.py")
KERAS_VENV = os.path.join(HERE, ".venv-keras")
MICRO = ["ops_overhead.py", "optimizer_step.py", "keras_call_overhead.py", "fit_mlp.py",
         "data_pipeline.py", "jit_compile.py"]


# -- machine ---------------------------------------------------------------------------------

def _cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _mem_gib():
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal"):
                    return int(line.split()[1]) / 2**20
    except OSError:
        pass
    return float("nan")


def _probe(python, code, env=None):
    try:
        p = subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=120,
                           env=env)
        return p.stdout.strip() if p.returncode == 0 else None
    except (OSError, subprocess.TimeoutExpired):
        return None


def cuda_available(python):
    out = _probe(python, "import torch; print(torch.cuda.is_available() and "
                         "torch.cuda.get_device_name(0))")
    return None if out in (None, "False") else out


def _git_state():
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, cwd=ROOT, timeout=20).stdout.strip()
        st = subprocess.run(["git", "status", "--porcelain", "--", "tfkeras_shim"],
                            capture_output=True, text=True, cwd=ROOT, timeout=20).stdout
        n = len([line for line in st.splitlines() if line.strip()])
        return f"shim at {head}" + (f" + {n} uncommitted paths in tfkeras_shim/" if n else "")
    except (OSError, subprocess.TimeoutExpired):
        return "shim version unknown"


# -- jobs ------------------------------------------------------------------------------------

def worker_cmd(args, python, workload, impl, scale):
    cmd = [python, WORKER, workload, impl, "--device", args.device, "--threads", str(args.threads),
           "--scale", str(scale)]
    if args.quick:
        cmd.append("--quick")
    return cmd


def worker_env(args, impl):
    env = dict(os.environ)
    if args.omp_passive:
        env["OMP_WAIT_POLICY"] = "PASSIVE"
    if impl == "keras3":
        env["KERAS_BACKEND"] = "torch"
        if args.device == "cpu":
            env["CUDA_VISIBLE_DEVICES"] = ""
    if impl == "shim" and args.device == "cpu":
        env["TFKERAS_SHIM_DEVICE"] = "cpu"
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
    return env


def parse_result(stdout):
    for line in reversed(stdout.splitlines()):
        if line.startswith("BENCH_RESULT "):
            return json.loads(line[len("BENCH_RESULT "):])
    return None


def run_job(args, pythons, workload, impl, wrap=None):
    cmd = worker_cmd(args, pythons[impl], workload, impl, args.scale)
    if wrap:
        cmd = wrap(cmd)
    t0 = time.time()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout,
                           env=worker_env(args, impl), cwd=ROOT)
        res = parse_result(p.stdout)
        if res is None:
            res = {"ok": False, "error": f"worker exited {p.returncode} without a result: "
                   + (p.stderr.strip().splitlines() or ["?"])[-1][:300]}
        res["_stderr_tail"] = p.stderr[-2000:]
    except subprocess.TimeoutExpired:
        res = {"ok": False, "error": f"timed out after {args.timeout} s"}
    res.setdefault("workload", workload)
    res.setdefault("impl", impl)
    res["job_wall_s"] = time.time() - t0
    return res


def plan(args, impls_available):
    """[(repeat, workload, impl)] interleaved: per repeat all workloads, impl order rotated."""
    jobs = []
    for r in range(args.repeats):
        for w in args.workloads:
            impls = [i for i in WORKLOADS[w]["impls"] if i in impls_available]
            k = r % len(impls) if impls else 0
            for impl in impls[k:] + impls[:k]:
                jobs.append((r, w, impl))
    return jobs


# -- summary ---------------------------------------------------------------------------------

def _fmt(v, metric, unit=None):
    if v is None:
        return "-"
    if metric == "throughput":
        return f"{v:,.0f}"
    if metric == "import":
        return f"{v:.2f}"
    return f"{v:,.1f}" if v < 1e5 else f"{v:,.0f}"


def _med(xs):
    return statistics.median(xs) if xs else None


def summarize(args, results, skipped):
    by = collections.defaultdict(list)
    for res in results:
        by[(res["workload"], res["impl"])].append(res)
    rows = []
    for w in args.workloads + [s for s in skipped if s not in args.workloads]:
        spec = WORKLOADS[w]
        row = {"workload": w, "title": spec["title"], "metric": spec["metric"],
               "target": spec.get("target"), "skip": skipped.get(w)}
        for impl in ("shim", "torch", "keras3"):
            runs = by.get((w, impl), [])
            ok = [r for r in runs if r.get("ok")]
            row[impl] = _med([r["value"] for r in ok])
            row[impl + "_n"] = (len(ok), len(runs))
            row[impl + "_errors"] = sorted({r.get("error", "?") for r in runs if not r.get("ok")})
            row[impl + "_runs"] = ok
        s, t = row["shim"], row["torch"]
        row["ratio"] = row["k3_ratio"] = None
        if s is not None and t is not None:
            row["ratio"] = (s - t) if spec["metric"] == "import" else s / t
        if row["keras3"] is not None and t is not None:
            k = row["keras3"]
            row["k3_ratio"] = (k - t) if spec["metric"] == "import" else k / t
        # per-repeat paired ratios (jobs of the same repeat ran next to each other)
        pairs = []
        sr = {r["_repeat"]: r["value"] for r in row["shim_runs"]}
        for r in row["torch_runs"]:
            if r["_repeat"] in sr:
                pairs.append(sr[r["_repeat"]] - r["value"] if spec["metric"] == "import"
                             else sr[r["_repeat"]] / r["value"])
        row["paired"] = (statistics.median(pairs), min(pairs), max(pairs)) if pairs else None
        row["verdict"] = verdict(row)
        rows.append(row)
    return rows


def verdict(row):
    tgt = row["target"]
    if row["skip"]:
        return "skip"
    if tgt is None:
        return "info"
    if row["ratio"] is None:
        return "n/a"
    op, val = tgt
    if row["workload"] == "import":       # decided on the shim's own import share
        own = _med([r["own_s"] for r in row["shim_runs"]])
        return "PASS" if own is not None and own <= val else "FAIL"
    ok = row["ratio"] >= val if op == ">=" else row["ratio"] <= val
    if ok:
        return "PASS"
    # the target lies inside the spread of the back-to-back ratios: not decided by this run
    if row["paired"] and row["paired"][1] <= val <= row["paired"][2]:
        return "FAIL (noisy)"
    return "FAIL"


def _target_text(row):
    tgt = row["target"]
    if tgt is None:
        return "-"
    op, val = tgt
    if op == "<=+":
        return f"shim own import <= {val} s"
    return f"{op} {val}x"


def _ratio_text(row, key="ratio"):
    v = row[key]
    if v is None:
        return "-"
    if row["metric"] == "import":
        return f"{v:+.2f} s"
    if row["metric"] == "latency":      # lower is better: report how many times slower
        return f"{v:.2f}x"
    return f"{v:.2f}x"


def _unit(row):
    return {"throughput": "samples/s", "latency": "µs", "import": "s"}[row["metric"]]


def render(args, rows, header):
    out = []
    out.append(header)
    out.append("")
    k3 = any(r["keras3"] is not None for r in rows)
    cols = ["workload", "unit", "shim", "torch loop", "shim/torch", "paired (min..max)"]
    if k3:
        cols += ["Keras 3", "K3/torch"]
    cols += ["target", "result"]
    out.append("| " + " | ".join(cols) + " |")
    out.append("|" + "|".join("---" if c in ("workload", "target", "unit") else "---:"
                              for c in cols) + "|")
    for r in rows:
        if r["skip"]:
            cells = [f"`{r['workload']}`", _unit(r), "-", "-", "-", "-"] + (["-", "-"] if k3 else [])
            cells += [_target_text(r), r["skip"]]
            out.append("| " + " | ".join(cells) + " |")
            continue
        m = r["metric"]

        def cell(impl):
            v = r[impl]
            n_ok, n = r[impl + "_n"]
            if v is None:
                return "error" if r[impl + "_errors"] else "-"
            s = _fmt(v, m)
            return s + (f" ({n_ok}/{n})" if n_ok != n else "")

        paired = "-"
        if r["paired"]:
            md, lo, hi = r["paired"]
            paired = (f"{md:+.2f} ({lo:+.2f}..{hi:+.2f}) s" if m == "import"
                      else f"{md:.2f} ({lo:.2f}..{hi:.2f})")
        cells = [f"`{r['workload']}`", _unit(r), cell("shim"), cell("torch"), _ratio_text(r), paired]
        if k3:
            cells += [cell("keras3"), _ratio_text(r, "k3_ratio")]
        cells += [_target_text(r), r["verdict"]]
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    out.append("shim/torch: ratio of the medians (decides pass/fail); paired: median (min..max) of "
               "the per-repeat ratios of runs made back to back. Throughput rows: higher is "
               "better; latency rows (µs per call/step): lower is better; import: seconds over "
               "`import torch`.")
    # details
    det = details(rows)
    if det:
        out.append("")
        out += det
    return "\n".join(out)


def details(rows):
    out = []
    mem = [r for r in rows if not r["skip"] and any(
        "rss_peak_mib" in x for i in ("shim", "torch", "keras3") for x in r[i + "_runs"])]
    if mem:
        out.append("Memory (medians): peak RSS during the timed call, MiB (and the rise over the "
                   "RSS before it); CUDA: torch.cuda.max_memory_allocated.")
        out.append("")
        out.append("| workload | shim | torch loop | Keras 3 |")
        out.append("|---|---:|---:|---:|")
        for r in mem:
            cells = []
            for impl in ("shim", "torch", "keras3"):
                runs = r[impl + "_runs"]
                pk = _med([x["rss_peak_mib"] for x in runs if "rss_peak_mib" in x])
                dl = _med([x["rss_fit_delta_mib"] for x in runs if "rss_fit_delta_mib" in x])
                cu = _med([x["cuda_peak_mib"] for x in runs if "cuda_peak_mib" in x])
                if pk is None:
                    cells.append("-")
                else:
                    c = f"{pk:.0f} (+{dl:.0f})"
                    if cu is not None:
                        c += f", cuda {cu:.0f}"
                    cells.append(c)
            out.append(f"| `{r['workload']}` | " + " | ".join(cells) + " |")
        out.append("")
    notes = []
    for r in rows:
        if r["skip"]:
            continue
        w = r["workload"]
        sr, tr = r["shim_runs"], r["torch_runs"]
        steps = [(i, _med([x["us_per_step"] for x in r[i + "_runs"] if "us_per_step" in x]))
                 for i in ("shim", "torch", "keras3")]
        steps = [(i, v) for i, v in steps if v is not None]
        if steps:
            notes.append(f"- `{w}`: µs per step " + ", ".join(f"{i} {v:,.0f}" for i, v in steps)
                         + (f"; shim - torch = {steps[0][1] - steps[1][1]:+,.0f} µs/step"
                            if len(steps) > 1 and steps[0][0] == "shim" and steps[1][0] == "torch"
                            else ""))
        warm = [(i, _med([x["warmup_s"] for x in r[i + "_runs"] if "warmup_s" in x]))
                for i in ("shim", "torch", "keras3")]
        warm = [(i, v) for i, v in warm if v is not None]
        if warm:
            notes.append(f"- `{w}`: warm-up call (first fit on a few batches, untimed in the "
                         "table) " + ", ".join(f"{i} {v:.2f} s" for i, v in warm))
        ng = _med([x["no_grad_us"] for x in tr if "no_grad_us" in x])
        if ng is not None:
            notes.append(f"- `{w}`: torch forward under no_grad {ng:.1f} µs "
                         f"(shim/no_grad ratio {r['shim'] / ng:.2f}x)" if r["shim"] else "")
        if w == "import":
            own = _med([x["own_s"] for x in sr])
            ts = _med([x["torch_s"] for x in sr])
            if own is not None:
                notes.append(f"- `import`: shim process: `import torch` {ts:.2f} s, then "
                             f"`import tfkeras_shim` {own:.3f} s (own share, decides the target)")
            k3 = _med([x["own_s"] for x in r["keras3_runs"]])
            if k3 is not None:
                notes.append(f"- `import`: Keras 3 own share (after torch) {k3:.2f} s")
        fb = [x for x in sr if "jit_fallback" in x]
        if fb:
            n_fb = sum(bool(x["jit_fallback"]) for x in fb)
            reason = next((x.get("jit_fallback_reason") for x in fb if x.get("jit_fallback")), "")
            first = _med([x["first_call_s"] for x in fb if "first_call_s" in x])
            notes.append(f"- `{w}`: torch.compile fell back to eager in {n_fb}/{len(fb)} runs"
                         + (f" ({reason.splitlines()[0][:200]})" if reason else "")
                         + (f"; first call {first:.2f} s" if first is not None else ""))
        thr = {x.get("torch_threads") for i in ("shim", "torch", "keras3") for x in r[i + "_runs"]}
        thr.discard(None)
        if len(thr) > 1:
            notes.append(f"- `{w}`: WARNING torch thread counts differ between sides: {sorted(thr)}")
        for impl in ("shim", "torch", "keras3"):
            for e in r[impl + "_errors"]:
                notes.append(f"- `{w}` {impl}: {e.splitlines()[0][:300]}")
    notes = [n for n in notes if n]
    if notes:
        out.append("Notes:")
        out += notes
    return out


def target_lines(rows):
    out = []
    for r in rows:
        if r["target"] is None or r["skip"]:
            continue
        out.append(f"{r['verdict']:12s}  {r['workload']}: shim/torch {_ratio_text(r)} "
                   f"(target {_target_text(r)})")
    return out


# -- profiling -------------------------------------------------------------------------------

def _find_pyspy(path):
    if path:
        return path
    found = shutil.which("py-spy")
    if found:
        return found
    for d in (os.path.dirname(sys.executable), "/tmp/profvenv/bin"):
        c = os.path.join(d, "py-spy")
        if os.path.exists(c):
            return c
    return None


def analyze_pyspy(raw_path, result, top=25):
    """Samples under `_timed_region` -> per-function self / inclusive µs per step (or call)."""
    self_c, incl_c, file_c = collections.Counter(), collections.Counter(), collections.Counter()
    total = 0
    with open(raw_path) as f:
        for line in f:
            stack, _, count = line.rstrip("\n").rpartition(" ")
            frames = stack.split(";")
            try:
                i = next(k for k, fr in enumerate(frames) if fr.startswith("_timed_region "))
            except StopIteration:
                continue
            c = int(count)
            total += c
            inner = [_frame_key(fr) for fr in frames[i + 1:]] or ["(in _timed_region)"]
            self_c[inner[-1]] += c
            file_c[_frame_file(frames[-1]) if len(frames) > i + 1 else "(region)"] += c
            for k in set(inner):
                incl_c[k] += c
    if not total:
        return ["no samples under _timed_region"]
    units = max(result.get("region_units") or 1, 1)
    per_unit_us = (result.get("region_s") or 0.0) / units * 1e6
    scale = per_unit_us / total

    out = [f"timed region: {result.get('region_s', 0):.2f} s over {units} steps/calls = "
           f"{per_unit_us:,.1f} µs each; {total} samples"]
    out.append("self time by file (µs per step/call, share):")
    for k, c in file_c.most_common(12):
        out.append(f"  {c * scale:10.1f}  {100 * c / total:5.1f}%  {k}")
    out.append("self time by function:")
    for k, c in self_c.most_common(top):
        out.append(f"  {c * scale:10.1f}  {100 * c / total:5.1f}%  {k}")
    out.append("inclusive time, shim functions:")
    shown = 0
    for k, c in incl_c.most_common():
        if "tfkeras_shim" in k:
            out.append(f"  {c * scale:10.1f}  {100 * c / total:5.1f}%  {k}")
            shown += 1
            if shown >= top:
                break
    return out


def analyze_cprofile(path, result, top=25):
    """Fallback without py-spy: whole-process cProfile, top functions by own time. Setup and
    imports are included and cProfile inflates small Python functions: orientation only."""
    import io
    import pstats
    buf = io.StringIO()
    st = pstats.Stats(path, stream=buf)
    st.sort_stats("tottime").print_stats(top)
    units = max(result.get("region_units") or 1, 1)
    return [f"cProfile (whole process; timed region {result.get('region_s', 0):.2f} s over "
            f"{units} steps/calls)"] + buf.getvalue().splitlines()[-(top + 8):]


def _frame_key(fr):
    # "func (path/to/file.py:123)" -> "func (path/to/file.py)" with site-packages trimmed
    name, _, loc = fr.partition(" (")
    path = loc.rstrip(")").rpartition(":")[0] or loc.rstrip(")")
    return f"{name} ({_short(path)})"


def _frame_file(fr):
    _, _, loc = fr.partition(" (")
    return _short(loc.rstrip(")").rpartition(":")[0] or loc.rstrip(")"))


def _short(path):
    for marker in ("site-packages/", "tfkeras_shim/", "bench/"):
        if marker in path:
            head = "" if marker == "site-packages/" else marker
            return head + path.split(marker, 1)[1]
    return path


def profile(args, pythons, outdir):
    os.makedirs(outdir, exist_ok=True)
    pyspy = _find_pyspy(args.pyspy)
    lines = []
    for w in args.workloads:
        for impl in ("shim", "torch"):
            if impl not in WORKLOADS[w]["impls"] or WORKLOADS[w]["metric"] == "import":
                continue
            base = os.path.join(outdir, f"{w}-{impl}")
            if pyspy:
                raw = base + ".pyspy.txt"
                res = run_job(args, pythons, w, impl, wrap=lambda c: [
                    pyspy, "record", "-r", str(args.profile_rate), "-f", "raw", "-o", raw,
                    "--"] + c)
                text = analyze_pyspy(raw, res) if res.get("ok") and os.path.exists(raw) else \
                    [f"failed: {res.get('error')}"]
            else:
                prof = base + ".cprofile"
                res = run_job(args, pythons, w, impl,
                              wrap=lambda c: c[:1] + ["-m", "cProfile", "-o", prof] + c[1:])
                text = analyze_cprofile(prof, res) if res.get("ok") and os.path.exists(prof) \
                    else [f"failed: {res.get('error')}"]
            head = f"== {w} [{impl}]  value {res.get('value')} {res.get('unit', '')}"
            with open(base + ".txt", "w") as f:
                f.write(head + "\n" + "\n".join(text) + "\n")
            lines.append(head)
            lines += text
            lines.append("")
            print(f"profiled {w} [{impl}] -> {base}.txt", file=sys.stderr)
    return lines


# -- main ------------------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--device", default="cpu", choices=("cpu", "cuda"))
    ap.add_argument("--workload", nargs="+", default=None, metavar="NAME",
                    help="workloads to run (default: all); names: " + ", ".join(WORKLOADS))
    ap.add_argument("--repeats", type=int, default=None, help="default 5 (--quick: 2)")
    ap.add_argument("--threads", type=int, default=2, help="torch intra-op threads per worker")
    ap.add_argument("--quick", action="store_true", help="small sizes, 2 repeats (smoke run)")
    ap.add_argument("--scale", type=float, default=1.0, help="multiply the sample counts")
    ap.add_argument("--impl", nargs="+", default=None, choices=("shim", "torch", "keras3"))
    ap.add_argument("--no-keras3", action="store_true")
    ap.add_argument("--python", default=None, help="interpreter for shim/torch "
                    "(default: .venv/bin/python of the repo, else this one)")
    ap.add_argument("--keras3-python", default=os.path.join(KERAS_VENV, "bin", "python"))
    ap.add_argument("--timeout", type=int, default=600, help="seconds per worker")
    ap.add_argument("--omp-passive", action="store_true",
                    help="OMP_WAIT_POLICY=PASSIVE in every worker (shared machines)")
    ap.add_argument("--allow-cuda-only-on-cpu", action="store_true")
    ap.add_argument("--json", default=None, help="write raw results and the summary here")
    ap.add_argument("--profile", default=None, metavar="DIR")
    ap.add_argument("--profile-only", action="store_true", help="skip the timed table")
    ap.add_argument("--profile-rate", type=int, default=250)
    ap.add_argument("--pyspy", default=None)
    ap.add_argument("--micro", action="store_true")
    ap.add_argument("--from-json", default=None, metavar="FILE",
                    help="print the table of a saved --json run again (no measurement)")
    args = ap.parse_args(argv)
    if args.from_json:
        with open(args.from_json) as f:
            saved = json.load(f)
        skipped = {r["workload"]: r["skip"] for r in saved["rows"] if r.get("skip")}
        args.workloads = [r["workload"] for r in saved["rows"] if not r.get("skip")]
        rows = summarize(args, saved["results"], skipped)
        print(render(args, rows, saved["header"]))
        print()
        print("Targets:")
        print("\n".join(target_lines(rows)))
        return 0

    unknown = [w for w in (args.workload or []) if w not in WORKLOADS]
    if unknown:
        ap.error(f"unknown workload(s) {unknown}; choose from {list(WORKLOADS)}")
    if args.repeats is None:
        args.repeats = 2 if args.quick else 5
    py = args.python or (os.path.join(ROOT, ".venv", "bin", "python")
                         if os.path.exists(os.path.join(ROOT, ".venv", "bin", "python"))
                         else sys.executable)
    pythons = {"shim": py, "torch": py}
    impls = set(args.impl or ("shim", "torch", "keras3"))
    if "keras3" in impls and not args.no_keras3 and os.path.exists(args.keras3_python):
        pythons["keras3"] = args.keras3_python
    impls &= set(pythons)

    skipped = {}
    gpu = None
    selected = args.workload or list(WORKLOADS)
    if args.device == "cuda":
        gpu = cuda_available(py)
        if gpu is None:
            for w in selected:
                skipped[w] = "skip (no CUDA)"
            selected = []
    else:
        keep = []
        for w in selected:
            if WORKLOADS[w].get("cuda_only") and not args.allow_cuda_only_on_cpu:
                skipped[w] = "skip (CUDA only)"
            else:
                keep.append(w)
        selected = keep
    args.workloads = selected

    torch_v = _probe(py, "import torch; print(torch.__version__)") or "?"
    k3_v = (_probe(pythons["keras3"], "import keras; print(keras.__version__)",
                   env=worker_env(args, "keras3")) if "keras3" in pythons else None)
    load0 = os.getloadavg()
    started = datetime.datetime.now()
    jobs = plan(args, impls) if not args.profile_only else []
    results = []
    loads = [load0[0]]
    for n, (r, w, impl) in enumerate(jobs, 1):
        res = run_job(args, pythons, w, impl)
        res["_repeat"] = r
        results.append(res)
        loads.append(os.getloadavg()[0])
        status = (f"{res['value']:,.1f} {res.get('unit', '')}" if res.get("ok")
                  else "ERROR " + res.get("error", "")[:120])
        print(f"[{n}/{len(jobs)}] r{r} {w:24s} {impl:6s} {status}  (load {loads[-1]:.2f}, "
              f"{res['job_wall_s']:.1f} s)", file=sys.stderr, flush=True)
    elapsed = (datetime.datetime.now() - started).total_seconds()

    if gpu:
        machine = f"{gpu} + {os.cpu_count()}-core {_cpu_model()}"
    else:
        machine = f"{os.cpu_count()}-core {_cpu_model()}, {_mem_gib():.0f} GiB"
    header = (f"Run {started:%Y-%m-%d %H:%M}, {elapsed / 60:.1f} min: device {args.device}"
              f"{' (' + gpu + ')' if gpu else ''}"
              f"{' (no usable CUDA device: rows skipped)' if args.device == 'cuda' and not gpu else ''}"
              f"; {machine}; {_git_state()}; Python {platform.python_version()}, "
              f"torch {torch_v}" + (f", Keras {k3_v} (torch backend)" if k3_v else "")
              + f"; torch intra-op threads {args.threads} per worker"
              + (" (OMP_WAIT_POLICY=PASSIVE)" if args.omp_passive else "")
              + f"; {args.repeats} repeats{' (--quick sizes)' if args.quick else ''}"
              + (f", --scale {args.scale}" if args.scale != 1.0 else "")
              + f"; load average during the run {min(loads):.2f} to {max(loads):.2f} "
                f"(median {statistics.median(loads):.2f}; 1-min, sampled between jobs).")
    rows = summarize(args, results, skipped) if not args.profile_only else []
    text = render(args, rows, header) if rows else header
    print(text)
    print()
    tl = target_lines(rows)
    if tl:
        print("Targets:")
        print("\n".join(tl))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"header": header, "args": {k: v for k, v in vars(args).items()},
                       "results": results,
                       "rows": [{k: v for k, v in r.items() if not k.endswith("_runs")}
                                for r in rows]}, f, indent=1, default=str)
    if args.profile and args.workloads:
        print()
        print("\n".join(profile(args, pythons, args.profile)))
    if args.micro:
        for script in MICRO:
            path = os.path.join(HERE, script)
            if not os.path.exists(path):
                print(f"\n(micro-benchmark bench/{script} not present)")
                continue
            extra = ["--quick"] if args.quick and script in (
                "ops_overhead.py", "keras_call_overhead.py", "data_pipeline.py",
                "jit_compile.py") else []
            print(f"\n== bench/{script}")
            p = subprocess.run([py, path] + extra, capture_output=True, text=True, cwd=ROOT,
                               env=worker_env(args, "shim"), timeout=args.timeout)
            print(p.stdout[-6000:] + (p.stderr[-1500:] if p.returncode else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
