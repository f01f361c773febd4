"""scikit-learn reference for bench/text/sentiment.bench.ts (not part of npm test).

Reads one JSON document (path in --data) written by the TypeScript bench with the very texts,
labels and splits it used, and runs:
  chnsenticorp: TfidfVectorizer(analyzer='char', ngram_range=(1, 3)) + LogisticRegression, C chosen
                on dev from the grid by accuracy (first best), fitted on train, scored on test; also
                with min_df=2 and NB log-count-ratio scaling (our engine's configuration), and
                the same with HashingVectorizer(n_features=2**20, alternate_sign=True) + TfidfTransformer
                (the hashed features ours use) for context;
  uci:          TfidfVectorizer(ngram_range=(1, 2)) (word 1-2-grams, default token pattern) + LR, for each
                outer fold C chosen on the given inner validation split, refitted on the fold's training
                rows; and with the default C = 1.
Prints one JSON document on stdout. Usage: python3 sklearn_sentiment.py --data splits.json
Debian: apt-get install -y python3-sklearn (run with /usr/bin/python3).
"""

import argparse
import json
import time

import numpy as np
import sklearn
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score


def hashed_char_vectorizer():
    hashing = HashingVectorizer(analyzer="char", ngram_range=(1, 3), n_features=2**20, alternate_sign=True, norm=None)
    tfidf = TfidfTransformer()

    class Hashed:
        def fit_transform(self, texts):
            return tfidf.fit_transform(hashing.transform(texts))

        def transform(self, texts):
            return tfidf.transform(hashing.transform(texts))

    return Hashed()


class NbScaled:
    """TfidfVectorizer(char 1-3, min_df=2) with columns scaled by the NB log-count ratio (Wang & Manning 2012)."""

    def __init__(self):
        self.tfidf = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=2)
        self.ratio = None

    def fit_transform(self, texts, labels):
        x = self.tfidf.fit_transform(texts)
        present = (x > 0).astype(np.float64)
        y = np.array(labels) == "1"
        p = 1 + np.asarray(present[y].sum(0)).ravel()
        q = 1 + np.asarray(present[~y].sum(0)).ravel()
        self.ratio = sparse.diags(np.log((p / p.sum()) / (q / q.sum())))
        return x @ self.ratio

    def transform(self, texts):
        return self.tfidf.transform(texts) @ self.ratio


def fit(x, y, c):
    return LogisticRegression(C=c, max_iter=5000).fit(x, y)


def standard_split(data, make_vectorizer):
    grid = data["cGrid"]
    wall = time.perf_counter()
    vectorizer = make_vectorizer()
    y_train = data["train"]["labels"]
    x_train = (
        vectorizer.fit_transform(data["train"]["texts"], y_train)
        if isinstance(vectorizer, NbScaled)
        else vectorizer.fit_transform(data["train"]["texts"])
    )
    x_dev = vectorizer.transform(data["dev"]["texts"])
    y_dev = np.array(data["dev"]["labels"])
    results, best = [], None
    for c in grid:
        model = fit(x_train, y_train, c)
        accuracy = float((model.predict(x_dev) == y_dev).mean())
        results.append({"c": c, "accuracy": accuracy})
        if best is None or accuracy > best[1]:
            best = (c, accuracy, model)
    train_seconds = time.perf_counter() - wall
    texts = data["test"]["texts"]
    wall = time.perf_counter()
    predicted = best[2].predict(vectorizer.transform(texts))
    predict_seconds = time.perf_counter() - wall
    truth = np.array(data["test"]["labels"])
    return {
        "c": best[0],
        "cGrid": results,
        "accuracy": float((predicted == truth).mean()),
        "macroF1": float(f1_score(truth, predicted, average="macro")),
        "trainSeconds": train_seconds,
        "predictDocsPerSecond": len(texts) / predict_seconds,
    }


def cross_validation(data, fixed_c):
    texts, labels = data["texts"], np.array(data["labels"])
    predicted = np.empty(len(texts), dtype=object)
    fold_accuracies, cs = [], []
    train_seconds = predict_seconds = 0.0
    for fold in data["folds"]:
        train, test = fold["train"], fold["test"]
        wall = time.perf_counter()
        c = fixed_c
        if c is None:
            inner_train, inner_check = fold["innerTrain"], fold["innerValidation"]
            vectorizer = TfidfVectorizer(ngram_range=(1, 2))
            x = vectorizer.fit_transform([texts[i] for i in inner_train])
            x_check = vectorizer.transform([texts[i] for i in inner_check])
            best = None
            for candidate in data["cGrid"]:
                accuracy = (fit(x, labels[inner_train], candidate).predict(x_check) == labels[inner_check]).mean()
                if best is None or accuracy > best[1]:
                    best = (candidate, accuracy)
            c = best[0]
        vectorizer = TfidfVectorizer(ngram_range=(1, 2))
        model = fit(vectorizer.fit_transform([texts[i] for i in train]), labels[train], c)
        train_seconds += time.perf_counter() - wall
        wall = time.perf_counter()
        predicted[test] = model.predict(vectorizer.transform([texts[i] for i in test]))
        predict_seconds += time.perf_counter() - wall
        fold_accuracies.append(float((predicted[test] == labels[test]).mean()))
        cs.append(c)
    return {
        "accuracy": float((predicted == labels).mean()),
        "macroF1": float(f1_score(labels, predicted.astype(str), average="macro")),
        "foldAccuracies": fold_accuracies,
        "foldCs": cs,
        "trainSeconds": train_seconds,
        "predictDocsPerSecond": len(texts) / predict_seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    args = parser.parse_args()
    with open(args.data, encoding="utf8") as handle:
        data = json.load(handle)
    out = {"sklearn": sklearn.__version__}
    if "chnsenticorp" in data:
        chn = data["chnsenticorp"]
        out["chnsenticorp"] = standard_split(chn, lambda: TfidfVectorizer(analyzer="char", ngram_range=(1, 3)))
        out["chnsenticorpNb"] = standard_split(chn, NbScaled)
        out["chnsenticorpHashed"] = standard_split(chn, hashed_char_vectorizer)
    if "uci" in data:
        out["uci"] = cross_validation(data["uci"], None)
        out["uciDefaultC"] = cross_validation(data["uci"], 1.0)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
