# Writes the server's OpenAPI 3.1 document (README "Server"): python3 scripts/openapi/generate.py > Sources/Server/Resources/openapi.json
# DocumentTests checks that its paths and the router's routes are the same set.
import json
problem = {"$ref": "#/components/responses/Problem"}
def ok(schema, ctype="application/json", desc="OK"):
    return {"description": desc, "content": {ctype: {"schema": schema}}}
def errors(*codes):
    return {str(c): problem for c in codes} | {"default": problem}
def body(schema, required=True):
    return {"required": required, "content": {"application/json": {"schema": schema}}}
ref = lambda n: {"$ref": f"#/components/schemas/{n}"}
model_id = {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"}
hours = {"oneOf": [{"type": "array", "items": {"type": "integer", "minimum": 0, "maximum": 23}, "minItems": 1}, {"type": "string"}]}
prob = {"type": "array", "items": {"type": "number", "exclusiveMinimum": 0, "maximum": 1}, "minItems": 1, "maxItems": 64}
risk = {"risk_profile": {"type": "string"}, "risk_params": {"type": "object"}}
def stage(extra, required=("model_id",)):
    return {"type": "object", "required": list(required), "additionalProperties": False,
            "properties": {"model_id": model_id, "force": {"type": "boolean"}} | extra}
nullable = lambda t: {"type": [t, "null"]}
job202 = {"description": "Accepted: the job runs; follow it at Location", "headers": {"Location": {"schema": {"type": "string"}}},
          "content": {"application/json": {"schema": ref("Job")}}}
def job_post(summary, schema):
    return {"post": {"summary": summary, "requestBody": body(schema), "responses": {"202": job202} | errors(400, 401, 404, 409, 413)}}
id_param = {"name": "id", "in": "path", "required": True, "schema": model_id}
version_param = {"name": "id", "in": "path", "required": True, "schema": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}@[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"}}
paths = {
    "/models": {
        "get": {"summary": "The workspace's models", "responses": {"200": ok({"type": "array", "items": ref("Model")})} | errors(500)},
        "post": {"summary": "Create a model (the runbook's body)", "requestBody": body({
            "type": "object", "properties": {
                "pack_id": {"type": "string"}, "pack": {"type": "string"}, "ticker": {"type": "string"}, "asset_type": {"type": "string"},
                "horizon": {"type": "string"}, "cadence": {"type": "string"}, "indicator_set_name": {"type": "string"},
                "indicator_set": {"type": "string"}, "model_id": model_id, "adapter": {}, "query": {"type": "object"}, "labeler": {},
                "replace": {"type": "boolean"}}}),
            "responses": {"201": ok(ref("ModelCreated"), desc="Created"), "200": ok(ref("ModelCreated"), desc="Unchanged")} | errors(400, 401, 413)},
    },
    "/models/{id}": {"get": {"summary": "One model resolved against its pack", "parameters": [id_param],
                             "responses": {"200": ok({"type": "object"})} | errors(400, 404)}},
    "/models/{id}/report": {"get": {"summary": "The model's backtest report", "parameters": [id_param],
                                    "responses": {"200": ok({"type": "object"})} | errors(400, 404)}},
    "/models/{id}/plots/{name}.svg": {"get": {"summary": "One of the model's plots (equity, drawdown, …)",
        "parameters": [id_param, {"name": "name", "in": "path", "required": True, "schema": model_id}],
        "responses": {"200": ok({"type": "string"}, "image/svg+xml")} | errors(400, 404)}},
    "/preview_matrix": {"post": {"summary": "Preview the matrix on a short range (QA gate); answers with the report",
        "requestBody": body(stage({"start": {"type": "string"}, "end": {"type": "string"}})),
        "responses": {"200": ok(ref("StageResult"))} | errors(400, 401, 404, 413)}},
    "/build_matrix": job_post("Build the training matrix (job)", stage({"start": {"type": "string"}, "end": {"type": "string"}, "allow_qa_fail": {"type": "boolean"}})),
    "/train": job_post("Train the model (job); gate_override (a failing gate's configuration, asked for by the dashboard) needs a tag, both recorded in the job",
                       stage({"allowed_hours": hours, "tag": model_id, "gate_override": {"type": "boolean"}} | risk)),
    "/backtest": job_post("Walk-forward backtest (job)", stage({"allowed_hours": hours, "thresholds": prob, "splits": {"type": "integer", "minimum": 1, "maximum": 50},
                                                             "top_pct": {"type": "number", "exclusiveMinimum": 0, "maximum": 1}} | risk)),
    "/backtest_sweep": job_post("Sweep hours × thresholds × top-% × risk profiles (job)",
                                stage({"allowed_hours": hours, "thresholds": prob, "top_pct": prob, "splits": {"type": "integer", "minimum": 1, "maximum": 50},
                                       "tag": model_id, "max_configs": {"type": "integer", "minimum": 1, "maximum": 10000}} | risk)),
    "/jobs": {"get": {"summary": "The newest jobs", "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000}}],
                      "responses": {"200": ok({"type": "array", "items": ref("Job")})} | errors(400)}},
    "/jobs/{id}": {
        "get": {"summary": "A job: state, progress, timings, result, error", "parameters": [id_param], "responses": {"200": ok(ref("Job"))} | errors(400, 404)},
        "delete": {"summary": "Cancel a job", "parameters": [id_param], "responses": {"200": ok(ref("Job"))} | errors(400, 401, 404)}},
    "/jobs/{id}/events": {"get": {"summary": "Server-sent events: the job at each update, until it ends", "parameters": [id_param],
                                  "responses": {"200": ok({"type": "string"}, "text/event-stream")} | errors(400, 404)}},
    "/leaderboard": {"get": {"summary": "The best configurations by a metric, with gate verdicts", "parameters": [
        {"name": "model", "in": "query", "schema": model_id},
        {"name": "pass_gate_only", "in": "query", "schema": {"type": "boolean"}},
        {"name": "top", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 10000}},
        {"name": "metric", "in": "query", "schema": {"type": "string", "enum": ["sharpe", "sortino", "deflated_sharpe", "total_return", "calmar", "win_rate"]}}],
        "responses": {"200": ok({"type": "array", "items": ref("LeaderboardRow")})} | errors(400, 503)}},
    "/registry": {"get": {"summary": "Registered versions with their slots", "parameters": [{"name": "model", "in": "query", "schema": model_id}],
                          "responses": {"200": ok({"type": "array", "items": {"type": "object"}})} | errors(400)}},
    "/registry/versions/{id}": {"get": {"summary": "One version (model@version)", "parameters": [version_param],
                                        "responses": {"200": ok({"type": "object"})} | errors(400, 404)}},
    "/registry/models/{model}/history": {"get": {"summary": "A model's ledger events, or with ?at= the version active then",
        "parameters": [{"name": "model", "in": "path", "required": True, "schema": model_id},
                       {"name": "at", "in": "query", "schema": {"type": "string"}}],
        "responses": {"200": ok({"oneOf": [{"type": "array", "items": {"type": "object"}}, {"type": "object", "required": ["model_id", "at", "active"]}]})} | errors(400)}},
    "/registry/promote": {"post": {"summary": "Put a version in the active or shadow slot (refused on schema mismatch or failed gate unless force + reason)",
        "requestBody": body({"type": "object", "required": ["id", "to"], "additionalProperties": False, "properties": {
            "id": {"type": "string"}, "to": {"type": "string", "enum": ["active", "shadow"]}, "force": {"type": "boolean"},
            "reason": {"type": "string"}, "actor": model_id}}),
        "responses": {"200": ok({"type": "object"})} | errors(400, 401, 413, 422)}},
    "/registry/rollback": {"post": {"summary": "Make the previous active version active again",
        "requestBody": body({"type": "object", "required": ["model_id"], "additionalProperties": False,
                             "properties": {"model_id": model_id, "reason": {"type": "string"}, "actor": model_id}}),
        "responses": {"200": ok({"type": "object"})} | errors(400, 401, 413)}},
    "/registry/rollout": {"post": {"summary": "Set how traffic splits between active and shadow",
        "requestBody": body({"type": "object", "required": ["model_id", "mode"], "additionalProperties": False, "properties": {
            "model_id": model_id, "mode": {"type": "string", "enum": ["disabled", "canary", "full"]},
            "fraction": {"type": "number", "minimum": 0, "maximum": 1}, "seed": {"type": "integer", "minimum": 0, "maximum": 2147483647},
            "reason": {"type": "string"}, "actor": model_id}}),
        "responses": {"200": ok({"type": "object"})} | errors(400, 401, 413)}},
    # The dashboard (README "Dashboard") and the JSON only it needs.
    "/": {"get": {"summary": "The dashboard's page", "responses": {"200": ok({"type": "string"}, "text/html")}}},
    "/ui/{name}": {"get": {"summary": "One of the dashboard's files (scripts, style, icon)",
        "parameters": [{"name": "name", "in": "path", "required": True, "schema": model_id}],
        "responses": {"200": {"description": "OK", "content": {t: {"schema": {"type": "string"}} for t in ["text/javascript", "text/css", "image/svg+xml", "text/html"]}}}
        | errors(400, 404)}},
    "/models/{id}/profile": {"get": {"summary": "The model's matrix profile (NaN % per feature, label balance, coverage, leakage flags)",
                                     "parameters": [id_param], "responses": {"200": ok({"type": "object"})} | errors(400, 404)}},
    "/models/{id}/live": {"get": {"summary": "The model's live state (live_data/<model>/live_state.json, written by the live monitor)",
                                  "parameters": [id_param], "responses": {"200": ok(ref("LiveState"))} | errors(400, 404, 503)}},
    "/live": {"get": {"summary": "The models that have a live state", "responses": {"200": ok({"type": "array", "items": {
        "type": "object", "required": ["model_id"], "properties": {"model_id": {"type": "string"}, "updated_at": {}, "stream_status": {}}}})} | errors(500)}},
    "/registry/models": {"get": {"summary": "Each registered model's active and shadow versions and rollout (canary)",
        "responses": {"200": ok({"type": "array", "items": {"type": "object", "required": ["model_id", "active", "shadow", "rollout"], "properties": {
            "model_id": {"type": "string"}, "active": nullable("string"), "shadow": nullable("string"),
            "previous_active": {"type": "array", "items": {"type": "string"}}, "rollout": {"type": "object"}}}})} | errors(500)}},
    "/registry/ledger": {"get": {"summary": "Every registry ledger line, oldest first",
                                 "responses": {"200": ok({"type": "array", "items": {"type": "object"}})} | errors(500)}},
    "/healthz": {"get": {"summary": "Adapters, store and registry", "responses": {"200": ok(ref("Health")), "503": ok(ref("Health"), desc="Degraded")}}},
    "/metrics": {"get": {"summary": "Prometheus text format", "responses": {"200": ok({"type": "string"}, "text/plain")}}},
    "/openapi.json": {"get": {"summary": "This document", "responses": {"200": ok({"type": "object"})}}},
}
schemas = {
    "Problem": {"type": "object", "required": ["type", "title", "status", "detail", "code"], "properties": {
        "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"}, "detail": {"type": "string"},
        "code": {"type": "string"}, "object": {"type": "string"}, "exit": {"type": "integer"}}},
    "Model": {"type": "object", "required": ["model_id", "pack", "ticker", "asset_type", "horizon", "cadence", "indicator_set"],
              "properties": {k: {"type": "string"} for k in ["model_id", "pack", "ticker", "asset_type", "horizon", "cadence", "indicator_set"]}},
    "ModelCreated": {"type": "object", "required": ["model_id", "created", "path", "model"], "properties": {
        "model_id": {"type": "string"}, "created": {"type": "boolean"}, "path": {"type": "string"}, "model": ref("Model")}},
    "StageResult": {"type": "object", "required": ["status", "summary", "paths"], "properties": {
        "status": {"type": "string"}, "summary": {"type": "string"}, "paths": {"type": "array", "items": {"type": "string"}},
        "skipped_from": nullable("string"), "report": {}}},
    "Job": {"type": "object", "required": ["id", "kind", "model_id", "state", "progress", "created_at"], "properties": {
        "id": {"type": "string"}, "job_id": {"type": "string"}, "kind": {"type": "string"}, "model_id": {"type": "string"},
        "state": {"type": "string", "enum": ["queued", "running", "succeeded", "failed", "cancelled", "interrupted"]},
        "progress": {"type": "object", "required": ["fraction", "stage"], "properties": {"fraction": {"type": "number"}, "stage": {"type": "string"}}},
        "created_at": {"type": "string"}, "started_at": nullable("string"), "finished_at": nullable("string"),
        "request": {}, "result": {}, "error": {}, "links": {"type": "object"}}},
    "LeaderboardRow": {"type": "object", "required": ["key", "model_id", "risk_profile", "threshold", "trades", "sharpe", "gate_status", "gate_reasons"],
        "properties": {"key": {"type": "string"}, "model_id": {"type": "string"}, "risk_profile": {"type": "string"},
                       "threshold": nullable("number"), "trades": {"type": "number"}, "sharpe": nullable("number"),
                       "deflated_sharpe": nullable("number"), "max_drawdown": nullable("number"),
                       "gate_status": {"type": "string"}, "gate_reasons": {"type": "string"}, "matrix_sha": {"type": "string"}, "config_sha": {"type": "string"}}},
    "LiveState": {"type": "object", "description": "README \"Dashboard\": model, updated_at, health {stream_status, data_freshness_seconds, scoring_latency_ms, stream_lag_seconds}, decisions [{key, decision_ts, policy_status, policy_reason, stale_flag, …}]",
                  "properties": {"model": {"type": "string"}, "updated_at": {"type": "string"}, "health": {"type": "object"}, "decisions": {"type": "array"}}},
    "Health": {"type": "object", "required": ["status", "adapters", "store", "registry"], "properties": {
        "status": {"type": "string", "enum": ["ok", "degraded"]}, "version": {"type": "string"}, "adapters": {"type": "array"},
        "store": {"type": "object", "required": ["location", "status"]}, "registry": {"type": "object", "required": ["root", "status"]}}},
}
doc = {"openapi": "3.1.0",
       "info": {"title": "edgehost", "version": "1.0.0", "description": "The runbook's HTTP API (README \"Server\"). Errors are application/problem+json carrying the CLI's error codes."},
       "servers": [{"url": "http://127.0.0.1:8001"}],
       "components": {"schemas": schemas, "responses": {"Problem": {"description": "An error (RFC 9457) with the CLI's code",
            "content": {"application/problem+json": {"schema": ref("Problem")}}}},
           "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "EDGEHOST_API_TOKEN; needed on mutating requests when the server has one"}}},
       "paths": paths}
print(json.dumps(doc, indent=1, sort_keys=False, ensure_ascii=False))
