"""Reference side of bench/forecast/ets.bench.ts: statsmodels 0.13.5 ETSModel.

Usage (the TypeScript bench runs it; it can also be run alone):
    /usr/bin/python3 bench/forecast/statsmodels_ets.py air
    /usr/bin/python3 bench/forecast/statsmodels_ets.py m3 --series 200 [--candidates r15|8]

Prints one JSON document on stdout.
- air: ETS(M,A,M) and ETS(M,Ad,M) on AirPassengers (all 144 values): llf, aicc, params, 24 forecasts.
- m3: the first N monthly M3 series (N1402...), in-sample = all but the last 18 values; AutoETS-by-AICc
  done by hand (statsmodels 0.13 has no automatic ETS): fit every candidate form with
  ETSModel(...).fit(disp=False), keep the lowest aicc, forecast 18 steps. Per series: chosen form,
  forecasts, fit seconds (all candidates).
  Candidate sets: 'r15' (default) = R forecast::ets' restricted set without multiplicative trend, the same
  set as our autoEts: A,{N,A,Ad},{N,A} and M,{N,A,Ad},{N,A,M} (multiplicative forms only for positive
  series); '8' = {A,M} x {N,Ad} x {N, A for error A | M for error M}.
"""
import json
import sys
import time
import warnings

import numpy as np
import pandas as pd

warnings.filterwarnings("ignore")
from statsmodels.tsa.exponential_smoothing.ets import ETSModel  # noqa: E402

SHARED = sys.argv[sys.argv.index("--shared") + 1] if "--shared" in sys.argv else "/work/shared"


def argument(name, fallback):
    flag = "--" + name
    return sys.argv[sys.argv.index(flag) + 1] if flag in sys.argv else fallback


def fit(y, error, trend, damped, seasonal, m):
    model = ETSModel(
        y,
        error="add" if error == "A" else "mul",
        trend=None if trend == "N" else "add",
        damped_trend=damped,
        seasonal=None if seasonal == "N" else ("add" if seasonal == "A" else "mul"),
        seasonal_periods=m if seasonal != "N" else None,
    )
    return model.fit(disp=False)


def air():
    y = pd.read_csv(SHARED + "/datasets/timeseries/air_passengers.csv")["y"].values.astype(float)
    out = {}
    for name, damped in (("ETS(M,A,M)", False), ("ETS(M,Ad,M)", True)):
        started = time.perf_counter()
        result = fit(y, "M", "A", damped, "M", 12)
        seconds = time.perf_counter() - started
        params = dict(zip(result.param_names, [float(v) for v in result.params]))
        out[name] = {
            "logLikelihood": float(result.llf),
            "aicc": float(result.aicc),
            "aic": float(result.aic),
            "alpha": params.get("smoothing_level"),
            "beta": params.get("smoothing_trend"),
            "gamma": params.get("smoothing_seasonal"),
            "phi": params.get("damping_trend", 1.0),
            "forecast": [float(v) for v in result.forecast(24)],
            "seconds": seconds,
        }
    return out


def candidates(positive, which):
    forms = []
    if which == "8":
        for error in ("A", "M"):
            if error == "M" and not positive:
                continue
            for trend, damped in (("N", False), ("A", True)):
                for seasonal in ("N", "A" if error == "A" else "M"):
                    forms.append((error, trend, damped, seasonal))
        return forms
    for error in ("A", "M"):
        if error == "M" and not positive:
            continue
        for trend, damped in (("N", False), ("A", False), ("A", True)):
            for seasonal in ("N", "A", "M"):
                if seasonal == "M" and (error == "A" or not positive):
                    continue
                forms.append((error, trend, damped, seasonal))
    return forms


def name_of(form):
    error, trend, damped, seasonal = form
    return "ETS(%s,%s,%s)" % (error, "N" if trend == "N" else ("Ad" if damped else "A"), seasonal)


def m3():
    count = int(argument("series", "200"))
    which = argument("candidates", "r15")
    frame = pd.read_csv(SHARED + "/datasets/m3/m3_monthly.csv").head(count)
    rows = []
    for _, row in frame.iterrows():
        values = np.array([float(v) for v in row["values"].split()])
        horizon = int(row["nf"])
        train = values[:-horizon]
        positive = bool(np.all(train > 0))
        started = time.perf_counter()
        best = None
        for form in candidates(positive, which):
            try:
                result = fit(train, *form, 12)
            except Exception:  # a form that statsmodels cannot fit is skipped, as in R
                continue
            if not np.isfinite(result.aicc):
                continue
            if best is None or result.aicc < best[0].aicc:
                best = (result, form)
        seconds = time.perf_counter() - started
        forecast = [float(v) for v in best[0].forecast(horizon)] if best else [float(train[-1])] * horizon
        rows.append(
            {
                "series": row["series"],
                "model": name_of(best[1]) if best else "none",
                "forecast": forecast,
                "seconds": seconds,
            }
        )
        print(row["series"], rows[-1]["model"], "%.3f s" % seconds, file=sys.stderr)
    return {"candidates": which, "series": rows}


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else "air"
    print(json.dumps(air() if mode == "air" else m3()))
