"""Python xgboost's predictions for an edgehost artifact: the oracle of TrainerTests.

usage: xgboost_predict.py ARTIFACT_DIR MATRIX_CSV
Prints JSON {"version": xgboost version, "rows": [row index…], "probabilities": [[…]…]} for the
matrix rows in the artifact's allowed hours, features read as float32 exactly as edgehost does.
"""
import csv
import json
import sys
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import numpy as np
import xgboost

artifact, matrix_path = sys.argv[1], sys.argv[2]
meta = json.load(open(f"{artifact}/meta.json"))
features = meta["features"]
hours = set(meta["policy"]["allowed_hours"])
new_york = ZoneInfo("America/New_York")

with open(matrix_path, newline="") as f:
    reader = csv.DictReader(f)
    rows, values = [], []
    for i, record in enumerate(reader):
        ts = datetime.strptime(record["ts"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
        if hours and ts.astimezone(new_york).hour not in hours:
            continue
        rows.append(i)
        values.append([float(record[name]) if record[name] != "" else np.nan for name in features])

booster = xgboost.Booster(model_file=f"{artifact}/model.json")
data = xgboost.DMatrix(np.asarray(values, dtype=np.float32), feature_names=features, missing=np.nan)
p = booster.predict(data)
if p.ndim == 1:
    p = np.stack([1 - p, p], axis=1)
json.dump({"version": xgboost.__version__, "rows": rows, "probabilities": p.astype(float).tolist()}, sys.stdout)
