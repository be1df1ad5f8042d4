"""Files per second per core for the batch API: one process, ``-j 2`` workers, two Dask workers, Spark local[2].

    python bench/scale.py                       # 10,000 generated resumes, validate and convert to Europass
    python bench/scale.py --count 2000 --engines single,dask --tasks validate

The resumes come from bench/generate.py (3 jobs, 8 publications, about 7 kB each; one in 100 is cut short, so the
error path is in the mix) in a temporary folder. Each engine and task runs in a fresh child process: its start-up
(pool, cluster or Spark session) is timed apart from the run, and the memory of the child and everything it starts
(workers, the JVM) is sampled together every 0.1 s with psutil: the peak of that sum is the peak memory. The CPU
time of the whole process tree during the run (psutil) gives files per CPU-second, which a busy machine disturbs
far less than wall time, and the engine's overhead per file: its CPU per file minus one process's. Convert
writes every output file (``write=True``) into a fresh folder, on the workers. Needs the [dask] and [spark] extras
and Java for those two engines; an engine that cannot start is reported and skipped.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ENGINES = {"single": 1, "jobs": 2, "dask": 2, "spark": 2}
TASKS = ("validate", "convert")


def generate(folder: Path, count: int) -> list[str]:
    sys.path.insert(0, str(HERE))
    from generate import resume

    paths = []
    for i in range(count):
        path = folder / f"cv-{i:05d}.resume.json"
        data = json.dumps(resume(3, 8, seed=i), ensure_ascii=False)
        path.write_text(data[: len(data) // 2] if i % 100 == 99 else data, encoding="utf-8")
        paths.append(str(path))
    return paths


def tree_cpu() -> float:
    """CPU seconds (user + system) used so far by this process and every process below it: the live ones, and
    through their ``children_*`` times the ones they started and reaped (pool workers, Spark's Python workers)."""
    import psutil

    me = psutil.Process()
    total = 0.0
    for proc in [me, *me.children(recursive=True)]:
        try:
            t = proc.cpu_times()
        except psutil.Error:
            continue
        total += t.user + t.system + t.children_user + t.children_system
    return total


def child(engine: str, task: str, folder: str) -> None:
    """Run one engine on one task; print {"startup", "run", "cpu", "ok", "n"} as JSON (``cpu``: CPU seconds the
    whole process tree used during the run)."""
    import resumeconv.batch as batch

    paths = sorted(str(p) for p in Path(folder).glob("*.resume.json"))
    out = tempfile.mkdtemp(prefix=f"out-{engine}-", dir=folder)
    start = time.perf_counter()
    if engine in ("single", "jobs"):
        jobs = ENGINES[engine]
        startup = time.perf_counter() - start
        t0, c0 = time.perf_counter(), tree_cpu()
        records = (batch.validate(paths, jobs=jobs) if task == "validate"
                   else batch.convert(paths, "europass", write=True, output_dir=out, jobs=jobs))
        ok = sum(r["ok"] for r in records)
        cpu = tree_cpu() - c0
    elif engine == "dask":
        import dask.bag as db
        from dask.distributed import Client, LocalCluster

        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
        startup = time.perf_counter() - start
        t0, c0 = time.perf_counter(), tree_cpu()
        files = db.from_sequence(paths, partition_size=100)
        mapped = (files.map(batch.validate_one) if task == "validate"
                  else files.map(batch.convert_one, "europass", write=True, output_dir=out))
        ok = sum(r["ok"] for r in mapped.compute())
        run, cpu = time.perf_counter() - t0, tree_cpu() - c0
        client.close()
        cluster.close()
    else:
        from pyspark.sql import SparkSession

        spark = SparkSession.builder.master("local[2]").appName("resumeconv-bench").getOrCreate()
        spark.sparkContext.setLogLevel("ERROR")
        startup = time.perf_counter() - start
        t0, c0 = time.perf_counter(), tree_cpu()
        sc = spark.sparkContext
        rdd = sc.parallelize(paths, max(sc.defaultParallelism, len(paths) // 1000))
        if task == "validate":
            records = rdd.mapPartitions(batch.validate).collect()
        else:
            records = rdd.mapPartitions(lambda part: batch.convert(part, "europass", write=True,
                                                                   output_dir=out)).collect()
        ok = sum(r["ok"] for r in records)
        run, cpu = time.perf_counter() - t0, tree_cpu() - c0
        spark.stop()
    if engine in ("single", "jobs"):
        run = time.perf_counter() - t0
    shutil.rmtree(out, ignore_errors=True)
    print(json.dumps({"startup": startup, "run": run, "cpu": cpu, "ok": ok, "n": len(paths)}))


def measure(engine: str, task: str, folder: str) -> dict | None:
    """Run the child, sampling the memory of its whole process tree."""
    import psutil

    env = dict(os.environ, PYSPARK_PYTHON=sys.executable)
    proc = subprocess.Popen([sys.executable, __file__, "--child", engine, task, folder], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        root = psutil.Process(proc.pid)
        while not done.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    done.set()
    sampler.join()
    if proc.returncode != 0:
        print(f"{engine}/{task}: failed ({err.strip().splitlines()[-1:] or proc.returncode})", file=sys.stderr)
        return None
    result: dict = json.loads(out.strip().splitlines()[-1])
    result["peak_mb"] = peak / 1e6
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--tasks", default=",".join(TASKS))
    parser.add_argument("--child", nargs=3, metavar=("ENGINE", "TASK", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory(prefix="resumeconv-scale-") as folder:
        generate(Path(folder), args.count)
        load = os.getloadavg()
        print(f"{args.count} resumes; {os.cpu_count()} cores; Python {sys.version.split()[0]}; load average at start "
              f"{load[0]:.1f} {load[1]:.1f} {load[2]:.1f}\n")
        print("| task | engine | cores | start-up s | run s | files/s | files/s/core (wall) | files per CPU-s | "
              "peak MB (all processes) | ok |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        single: dict[str, float] = {}
        overhead: list[str] = []
        for task in args.tasks.split(","):
            for engine in args.engines.split(","):
                result = measure(engine, task, folder)
                if result is None:
                    continue
                cores, run, cpu, n = ENGINES[engine], result["run"], result["cpu"], result["n"]
                print(f"| {task} | {engine} | {cores} | {result['startup']:.1f} | {run:.1f} | {n / run:.0f} | "
                      f"{n / run / cores:.0f} | {n / cpu:.0f} | {result['peak_mb']:.0f} | {result['ok']}/{n} |",
                      flush=True)
                if engine == "single":
                    single[task] = cpu
                elif task in single:
                    extra = (cpu - single[task]) / n * 1000
                    overhead.append(f"{task} on {engine}: {cpu / n * 1000:.2f} ms of CPU per file, "
                                    f"{extra:+.2f} ms over one process")
        print()
        print(f"load average at the end {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        for line in overhead:
            print(line)


if __name__ == "__main__":
    main()
