"""scikit-learn reference for bench/customers/kmeans.bench.ts (not part of npm test).

Reads the very points the TypeScript bench clustered (raw little-endian float64, n x d, row-major)
and times KMeans(n_clusters=k, n_init=1, algorithm='lloyd').fit for each seed, or, with
--init FILE, Lloyd from the given k x d initial centres (the same start as ours). Prints one JSON
document on stdout: {"sklearn": version, "numpy": version, "threads": ..., "runs": [...]}.

Usage: python3 kmeans_sklearn.py --data points.f64 --n 1000000 --d 8 --k 8 --seeds 0,1,2 [--init centres.f64]
Debian: apt-get install -y python3-sklearn (run with /usr/bin/python3).
"""

import argparse
import json
import time

import numpy as np
import sklearn
from sklearn.cluster import KMeans

try:
    from threadpoolctl import threadpool_info
except ImportError:  # pragma: no cover - threadpoolctl ships with scikit-learn >= 0.23
    threadpool_info = None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--d", type=int, required=True)
    parser.add_argument("--k", type=int, required=True)
    parser.add_argument("--seeds", default="0")
    parser.add_argument("--init", default=None)
    args = parser.parse_args()

    points = np.fromfile(args.data, dtype="<f8").reshape(args.n, args.d)
    init = "k-means++"
    if args.init is not None:
        init = np.fromfile(args.init, dtype="<f8").reshape(args.k, args.d)

    runs = []
    for seed in (int(s) for s in args.seeds.split(",")):
        model = KMeans(n_clusters=args.k, n_init=1, algorithm="lloyd", init=init, random_state=seed)
        wall = time.perf_counter()
        cpu = time.process_time()
        model.fit(points)
        runs.append(
            {
                "seed": seed,
                "seconds": time.perf_counter() - wall,
                "cpuSeconds": time.process_time() - cpu,
                "iterations": int(model.n_iter_),
                "inertia": float(model.inertia_),
            }
        )

    threads = None
    if threadpool_info is not None:
        threads = [{"api": p.get("user_api"), "library": p.get("internal_api"), "threads": p.get("num_threads")}
                   for p in threadpool_info()]
    print(json.dumps({"sklearn": sklearn.__version__, "numpy": np.__version__, "threads": threads, "runs": runs}))


if __name__ == "__main__":
    main()
