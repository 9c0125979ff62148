"""Schemas/openrpc.json (issue 4) checked by independent tools: the OpenRPC meta-schema,
Python's `jsonschema` (Draft 2020-12) on real results and example params, and the running
server on every documented example."""

import json
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest
from referencing import Registry
from referencing.jsonschema import DRAFT7

import rpc
from business_support import four_systems_request, key_request, service, system  # noqa: F401

SCHEMA_FILE = rpc.ROOT / "Schemas" / "openrpc.json"
META_SCHEMA_FILE = Path(__file__).with_name("openrpc-meta-schema.json")
REGENERATE = "swift build -c release && .build/release/contpaqi-upgrade schema > Schemas/openrpc.json"

DOCUMENT = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
METHODS = {method["name"]: method for method in DOCUMENT["methods"]}
EXAMPLES = [(method["name"], example) for method in DOCUMENT["methods"] for example in method.get("examples", [])]
FORMATS = jsonschema.Draft202012Validator.FORMAT_CHECKER


def resolved(schema):
    """`schema` with every `$ref` into the document's `components.schemas` replaced by the
    schema it names (the reference's own members, such as a description, kept on top), so
    that each method's schemas stand alone."""
    if isinstance(schema, list):
        return [resolved(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/components/schemas/")
        target = DOCUMENT["components"]["schemas"][name]
        return resolved({**target, **{k: v for k, v in schema.items() if k != "$ref"}})
    return {key: resolved(value) for key, value in schema.items()}


def params_schema(method: str) -> dict:
    """OpenRPC lists params as content descriptors; by name they make one object schema."""
    descriptors = METHODS[method]["params"]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
            "properties": {d["name"]: resolved(d["schema"]) for d in descriptors},
            "required": [d["name"] for d in descriptors if d.get("required")], "additionalProperties": False}


def result_validator(method: str):
    schema = resolved(METHODS[method]["result"]["schema"])
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=FORMATS)


def test_schema_command_prints_the_committed_file_byte_for_byte():
    printed = subprocess.run([rpc.BIN, "schema"], capture_output=True, timeout=rpc.TIMEOUT, check=True).stdout
    assert printed == SCHEMA_FILE.read_bytes(), f"Schemas/openrpc.json is stale: regenerate it with `{REGENERATE}`"


def test_rpc_discover_returns_the_files_json_value(service):
    assert service.result("rpc.discover") == DOCUMENT, f"rpc.discover differs from Schemas/openrpc.json; `{REGENERATE}`"


def test_document_validates_against_the_openrpc_meta_schema():
    meta = json.loads(META_SCHEMA_FILE.read_text(encoding="utf-8"))
    # The meta-schema points JSON Schemas at json-schema-tools' draft-07 meta-schema; the
    # draft-07 meta-schema bundled with jsonschema stands in for it (see the NOTICE file).
    draft7 = DRAFT7.create_resource(jsonschema.Draft7Validator.META_SCHEMA)
    registry = Registry().with_resources([("https://meta.json-schema.tools", draft7),
                                          ("https://meta.json-schema.tools/", draft7)])
    validator = jsonschema.Draft7Validator(meta, registry=registry, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    errors = [f"{list(e.absolute_path)}: {e.message[:200]}" for e in validator.iter_errors(DOCUMENT)]
    assert errors == []
    assert DOCUMENT["openrpc"].startswith("1.3")
    assert [m["name"] for m in DOCUMENT["methods"]] == ["getCatalog", "checkEligibility", "quoteSupport", "requestKeys", "rpc.discover"]
    assert {m["paramStructure"] for m in DOCUMENT["methods"]} == {"by-name"}


@pytest.mark.parametrize("method", list(METHODS))
def test_params_and_result_schemas_are_valid_2020_12(method):
    jsonschema.Draft202012Validator.check_schema(params_schema(method))
    result_validator(method)


@pytest.mark.parametrize("method, example", EXAMPLES, ids=[f"{m}:{e['name']}" for m, e in EXAMPLES])
def test_example_params_and_result_validate(method, example):
    params = {p["name"]: p["value"] for p in example["params"]}
    jsonschema.Draft202012Validator(params_schema(method), format_checker=FORMATS).validate(params)
    result_validator(method).validate(example["result"]["value"])


MESSAGE_ID = re.compile(r"(\r\nMessage-ID: <)[^<>@\s]+(@[^<>\s]+>\r\n)")


def without_message_id(result):
    """The result with its Message-ID masked: random on every call (RFC 5322 §3.6.4), so the
    one part of a live answer that may differ from the documented example."""
    if not isinstance(result, dict) or "message" not in result:
        return result
    message, count = MESSAGE_ID.subn(r"\1…\2", result["message"])
    assert count == 1, "no Message-ID header of the form <unique@domain>"
    return {**result, "message": message}


@pytest.mark.parametrize("method, example", EXAMPLES, ids=[f"{m}:{e['name']}" for m, e in EXAMPLES])
def test_every_example_returns_exactly_its_documented_result(service, method, example):
    params = {p["name"]: p["value"] for p in example["params"]}
    live = service.result(method, params)
    assert without_message_id(live) == without_message_id(example["result"]["value"])
    if method == "requestKeys":
        assert live["message"] != example["result"]["value"]["message"]  # a fresh id, not the example's


def test_every_method_but_discover_has_an_example():
    assert {m for m, _ in EXAMPLES} == set(METHODS) - {"rpc.discover"}


REAL_CALLS = [("getCatalog", None), ("getCatalog", {}), ("rpc.discover", None)]
REAL_CALLS += [("checkEligibility", {"purchaseDate": d, **extra}) for d in ("2011-06-30", "2011-07-01", "2012-02-29")
               for extra in ({}, {"hasActiveSupportPolicy": True},
                             {"systemType": "contpaqi nominas", "serialNumber": "abcd-1234-efgh-5678", "hasActiveSupportPolicy": False})]
REAL_CALLS += [("quoteSupport", {"plan": plan, "users": users, "systems": systems, "date": date, "ivaRate": rate})
               for plan in ("quarterly", "semiannual", "annual", "perEvent") for users in (1, 5, 20, 21)
               for systems in (1, 3) for date in ("2012-01-31", "2012-02-01") for rate in ("0.16", "0.0825", "1")]
REAL_CALLS += [("quoteSupport", {"plan": "annual"}), ("quoteSupport", {"plan": "perEvent", "users": 100000})]
REAL_CALLS += [("requestKeys", key_request()), ("requestKeys", four_systems_request(cc=["a@b.mx"], bcc=["c@d.mx"])),
               ("requestKeys", key_request([system("bancos", "AAAA-BBBB-CCCC-0001", "2011-07-01"),
                                            system("nominas", "AAAA-BBBB-CCCC-0002")], **{"from": "x@y.com.mx"})),
               ("requestKeys", key_request(sentAt=None))]


def test_real_results_validate_against_their_result_schema(service):
    validators = {method: result_validator(method) for method in METHODS}
    for method, params in REAL_CALLS:
        params = {k: v for k, v in params.items() if v is not None} if params else params
        result = service.result(method, params)
        errors = [f"{list(e.absolute_path)}: {e.message[:160]}" for e in validators[method].iter_errors(result)]
        assert errors == [], f"{method} {params}"


INVALID = [
    ("quoteSupport", {"plan": "annual", "colour": "red"}, "/colour UNKNOWN_FIELD"),
    ("quoteSupport", {"plan": "annual", "systems": "2"}, "/systems INVALID_TYPE"),
    ("quoteSupport", {"plan": "annual", "ivaRate": 0.16}, "/ivaRate INVALID_TYPE"),
    ("quoteSupport", {"plan": "monthly"}, "/plan INVALID_VALUE"),
    ("quoteSupport", {"plan": "annual", "systems": 1001}, "/systems OUT_OF_RANGE"),
    ("quoteSupport", {"plan": "annual", "ivaRate": "0.16666"}, "/ivaRate INVALID_VALUE"),
    ("quoteSupport", {}, "/plan REQUIRED"),
    ("checkEligibility", {"purchaseDate": "15/08/2011"}, "/purchaseDate INVALID_DATE"),
    ("checkEligibility", {"purchaseDate": "2011-08-15", "serialNumber": "AAAA-BBBB-CCCC"}, "/serialNumber INVALID_SERIAL"),
    ("checkEligibility", {"purchaseDate": "2011-08-15", "hasActiveSupportPolicy": "yes"}, "/hasActiveSupportPolicy INVALID_TYPE"),
    ("checkEligibility", {}, "/purchaseDate REQUIRED"),
    ("requestKeys", key_request(systems=[]), "/systems OUT_OF_RANGE"),
    ("requestKeys", key_request(cc=[f"c{i}@b.mx" for i in range(21)]), "/cc TOO_LONG"),
    ("requestKeys", key_request(company="x" * 201), "/company TOO_LONG"),
    ("requestKeys", key_request([{"systemType": "bancos"}]), "/systems/0/serialNumber REQUIRED"),
    ("requestKeys", key_request([system("bancos", "AAAA-BBBB-CCCC-DDDD") | {"extra": 1}]), "/systems/0/extra UNKNOWN_FIELD"),
    ("getCatalog", {"verbose": True}, "/verbose UNKNOWN_FIELD"),
]


@pytest.mark.parametrize("method, params, expected", INVALID, ids=[e for _, _, e in INVALID])
def test_params_the_server_rejects_the_schema_rejects_too(service, method, params, expected):
    response = service.error(method, params)
    assert [f'{e["path"]} {e["code"]}' for e in response["error"]["data"]["errors"]] == [expected]
    assert not jsonschema.Draft202012Validator(params_schema(method), format_checker=FORMATS).is_valid(params)
