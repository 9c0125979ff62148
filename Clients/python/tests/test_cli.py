"""``python -m contpaqi_upgrade call``: the exit codes and streams of ``contpaqi-upgrade call``."""

import json

from conftest import run_cli


def test_call_prints_the_result(cli_env):
    done = run_cli(["call", "checkEligibility", '{"purchaseDate": "2011-08-15"}'], cli_env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["eligible"] is True
    assert done.stderr == ""


def test_call_over_a_socket(cli_env, socket_server):
    done = run_cli(["--socket", str(socket_server.path), "call", "getCatalog"], cli_env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["cutoffDate"] == "2011-07-01"


def test_socket_from_the_environment(cli_env, socket_server):
    env = dict(cli_env, CONTPAQI_UPGRADE_SOCKET=str(socket_server.path), CONTPAQI_UPGRADE="/nonexistent")
    done = run_cli(["call", "getCatalog"], env)
    assert done.returncode == 0, done.stderr


def test_rpc_error_goes_to_stderr_as_json_with_exit_1(cli_env):
    done = run_cli(["call", "quoteSupport", '{"plan": "weekly"}'], cli_env)
    assert done.returncode == 1
    assert done.stdout == ""
    error = json.loads(done.stderr)
    assert error["code"] == -32602
    assert error["data"]["errors"][0]["code"] == "INVALID_VALUE"


def test_unknown_method_exit_1(cli_env):
    done = run_cli(["call", "nope"], cli_env)
    assert done.returncode == 1
    assert json.loads(done.stderr) == {"code": -32601, "message": "Method not found", "data": {"method": "nope"}}


def test_bad_params_json_is_a_usage_error(cli_env):
    done = run_cli(["call", "getCatalog", "{nope"], cli_env)
    assert done.returncode == 2
    assert "PARAMS_JSON" in done.stderr


def test_missing_method_is_a_usage_error(cli_env):
    assert run_cli(["call"], cli_env).returncode == 2


def test_unreachable_socket_exit_3(cli_env, tmp_path):
    done = run_cli(["--socket", str(tmp_path / "none.sock"), "call", "getCatalog"], cli_env)
    assert done.returncode == 3
    assert "cannot connect" in done.stderr


def test_missing_binary_exit_3(cli_env, tmp_path):
    done = run_cli(["--binary", str(tmp_path / "missing"), "call", "getCatalog"], cli_env)
    assert done.returncode == 3
    assert "cannot start" in done.stderr
