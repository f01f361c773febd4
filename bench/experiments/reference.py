#!/usr/bin/env python3
"""Reference values for the frequentist experiment statistics, from scipy and statsmodels.

Usage: python3 bench/experiments/reference.py > out.json
Prints {"versions", "inputs", "outputs", "timings"} as JSON. The inputs are defined here (one source of truth);
bench/experiments/experiments.bench.ts runs the same inputs through Marketmind and compares, and with
--write-golden stores this JSON as src/experiments/golden-values.json for the test suite.
Needs python3-scipy and python3-statsmodels (Debian packages).
"""
import json
import sys
import time

import numpy as np
import scipy
import statsmodels
from scipy import optimize, stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    power_proportions_2indep,
    proportion_confint,
    proportions_ztest,
    samplesize_proportions_2indep_onetail,
)
from scipy.stats._stats_py import _unequal_var_ttest_denom  # the Welch–Satterthwaite df scipy uses
from statsmodels.stats.weightstats import _tconfint_generic

INPUTS = {
    # control conversions/users, treatment conversions/users
    "proportions": [
        {"control": [1000, 20000], "treatment": [1100, 20000]},
        {"control": [50, 1000], "treatment": [65, 1000]},
        {"control": [3, 120], "treatment": [9, 115]},
        {"control": [0, 500], "treatment": [4, 480]},
        {"control": [480, 500], "treatment": [495, 500]},
        {"control": [12000, 250000], "treatment": [12600, 248000]},
        {"control": [230, 1000], "treatment": [200, 1000]},
    ],
    # n, mean, sample variance per arm
    "means": [
        {"control": [3407, 0.41000293513355, 15.20545], "treatment": [3461, 0.7000000000000001, 38.4300]},
        {"control": [50, 10.2, 16.81], "treatment": [45, 12.9, 30.25]},
        {"control": [2, 1.0, 0.5], "treatment": [3, 4.0, 1.0]},
        {"control": [10000, 52.3, 900.0], "treatment": [9800, 52.9, 1020.0]},
        {"control": [15, 100.0, 400.0], "treatment": [200, 96.0, 25.0]},
    ],
    "srm": [
        {"observed": [5000, 5200], "weights": [1, 1]},
        {"observed": [10000, 10400, 9800], "weights": [1, 1, 1]},
        {"observed": [20210, 79790], "weights": [0.2, 0.8]},
        {"observed": [50000, 51500], "weights": [1, 1]},
    ],
    "corrections": [
        [0.01, 0.04, 0.03],
        [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216],
        [0.5, 0.02, 0.02, 0.9, 0.0001],
    ],
    # baseline rate, absolute effect, treatment users, power, alpha, ratio (control per treatment user)
    "proportionsPower": [
        {"baseline": 0.05, "effect": 0.005, "n": 20000, "power": 0.8, "alpha": 0.05, "ratio": 1},
        {"baseline": 0.2, "effect": -0.02, "n": 5000, "power": 0.9, "alpha": 0.05, "ratio": 1},
        {"baseline": 0.01, "effect": 0.002, "n": 100000, "power": 0.8, "alpha": 0.01, "ratio": 2},
    ],
    # effect (difference of means), sd, treatment users, power, alpha, ratio
    "meansPower": [
        {"effect": 1.0, "sd": 10.0, "n": 1000, "power": 0.8, "alpha": 0.05, "ratio": 1},
        {"effect": 0.5, "sd": 3.0, "n": 400, "power": 0.9, "alpha": 0.05, "ratio": 1.5},
        {"effect": 2.0, "sd": 25.0, "n": 5000, "power": 0.8, "alpha": 0.1, "ratio": 1},
    ],
}


def proportions(case):
    xc, nc = case["control"]
    xt, nt = case["treatment"]
    z, p = proportions_ztest([xt, xc], [nt, nc])
    wald = confint_proportions_2indep(xt, nt, xc, nc, method="wald", compare="diff")
    newcombe = confint_proportions_2indep(xt, nt, xc, nc, method="newcomb", compare="diff")
    wc = proportion_confint(xc, nc, method="wilson")
    wt = proportion_confint(xt, nt, method="wilson")
    return {
        "statistic": float(z),
        "pValue": float(p),
        "waldCi": [float(wald[0]), float(wald[1])],
        "newcombeCi": [float(newcombe[0]), float(newcombe[1])],
        "wilsonControl": [float(wc[0]), float(wc[1])],
        "wilsonTreatment": [float(wt[0]), float(wt[1])],
    }


def means(case):
    nc, mc, vc = case["control"]
    nt, mt, vt = case["treatment"]
    res = stats.ttest_ind_from_stats(mt, np.sqrt(vt), nt, mc, np.sqrt(vc), nc, equal_var=False)
    dof, denom = _unequal_var_ttest_denom(vt, nt, vc, nc)
    lower, upper = _tconfint_generic(mt - mc, denom, dof, 0.05, "two-sided")
    return {
        "statistic": float(res.statistic),
        "pValue": float(res.pvalue),
        "degreesOfFreedom": float(dof),
        "ci": [float(lower), float(upper)],
    }


def srm(case):
    observed = np.array(case["observed"], dtype=float)
    weights = np.array(case["weights"], dtype=float)
    expected = observed.sum() * weights / weights.sum()
    res = stats.chisquare(observed, expected)
    return {"statistic": float(res.statistic), "pValue": float(res.pvalue)}


def corrections(p_values):
    return {
        "holm": [float(v) for v in multipletests(p_values, method="holm")[1]],
        "benjaminiHochberg": [float(v) for v in multipletests(p_values, method="fdr_bh")[1]],
    }


def proportions_power(case):
    b, d, n, pw, a, r = (case[k] for k in ("baseline", "effect", "n", "power", "alpha", "ratio"))
    power = power_proportions_2indep(d, b, n, ratio=r, alpha=a, return_results=False)
    size = samplesize_proportions_2indep_onetail(d, b, pw, ratio=r, alpha=a)
    sign = 1 if d > 0 else -1
    room = 1 - b if sign > 0 else b
    mde = optimize.brentq(
        lambda m: power_proportions_2indep(sign * m, b, n, ratio=r, alpha=a, return_results=False) - pw,
        1e-12, room * (1 - 1e-9), xtol=1e-15, rtol=8.9e-16,
    )
    return {"power": float(power), "sampleSize": float(size), "mde": float(sign * mde)}


def means_power(case):
    d, sd, n, pw, a, r = (case[k] for k in ("effect", "sd", "n", "power", "alpha", "ratio"))
    analysis = NormalIndPower()
    # solve_power(effect_size=None) stops at power within ~1e-6 of the target (its effect size is off by up to
    # 3e-5 relative), so "mde" is the root of NormalIndPower.power found by brentq to machine precision and
    # "mdeSolvePower" is solve_power's own answer, for information.
    exact = optimize.brentq(
        lambda es: analysis.power(es, n, a, ratio=r) - pw, 1e-9, 50, xtol=1e-15, rtol=8.9e-16,
    )
    return {
        "power": float(analysis.power(d / sd, n, a, ratio=r)),
        "sampleSize": float(analysis.solve_power(effect_size=d / sd, nobs1=None, alpha=a, power=pw, ratio=r)),
        "mde": float(exact * sd),
        "mdeSolvePower": float(analysis.solve_power(effect_size=None, nobs1=n, alpha=a, power=pw, ratio=r) * sd),
    }


FUNCTIONS = {
    "proportions": proportions,
    "means": means,
    "srm": srm,
    "corrections": corrections,
    "proportionsPower": proportions_power,
    "meansPower": means_power,
}


def median_seconds(fn, case, repeats):
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(repeats):
            fn(case)
        runs.append((time.perf_counter() - start) / repeats)
    return sorted(runs)[1]


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    outputs = {name: [fn(case) for case in INPUTS[name]] for name, fn in FUNCTIONS.items()}
    timings = {name: median_seconds(fn, INPUTS[name][0], repeats) for name, fn in FUNCTIONS.items()}
    json.dump(
        {
            "generatedBy": "python3 bench/experiments/reference.py",
            "versions": {"scipy": scipy.__version__, "statsmodels": statsmodels.__version__, "numpy": np.__version__},
            "inputs": INPUTS,
            "outputs": outputs,
            "timingsSeconds": timings,
        },
        sys.stdout,
        indent=1,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
