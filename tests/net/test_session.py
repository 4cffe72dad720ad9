"""A whole session over loopback: a headless host, bots joined from other processes."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

from tests.net.helpers import ENV, TABLETOP, join_bot, log_lines, start_host, stopping, verify


def test_remote_bots_play_a_session_to_its_end(tmp_path: Path) -> None:
    host = start_host(tmp_path, "--seed", "3", "--bot", "china=linear", "--bot", "rok=boulware")
    assert set(host.codes) == {"usa", "dprk", "russia", "projector"}
    seats = [
        join_bot(host, role, strategy)
        for role, strategy in (("usa", "linear"), ("dprk", "conceder"), ("russia", "boulware"))
    ]
    with stopping(host.process, *seats):
        assert host.wait() == 0, host.console()
        for seat in seats:
            _, err = seat.communicate(timeout=30)
            assert seat.returncode == 0, err
            assert "the session has ended (concluded)" in err
    events = log_lines(host.log)
    assert events[-1]["kind"] == "concluded"
    acted = {event["actor"] for event in events}
    assert {"usa", "dprk", "russia", "china", "rok"} <= acted
    checked = verify(host.log)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    console = host.console()
    assert "United States joined from 127.0.0.1" in console
    assert "the session has ended" in console


def test_codes_are_kept_for_the_owner_alone_and_never_in_the_log(tmp_path: Path) -> None:
    host = start_host(tmp_path)
    with stopping(host.process):
        kept = Path(f"{host.log}.codes")
        for path in (kept, tmp_path / "codes.json"):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
        log = host.log.read_text()
        for code in host.codes.values():
            assert len(code.replace("-", "")) * 5 >= 64
            assert code not in log
        host.process.terminate()
        assert host.wait() == 0


def test_join_with_a_bad_address_or_code_exits_1_without_a_traceback(tmp_path: Path) -> None:
    host = start_host(tmp_path)
    with stopping(host.process):
        attempts = {
            "127.0.0.1:1": "cannot reach a tabletop host at 127.0.0.1:1",
            "no such host": "cannot reach",
            host.address: "this code opens no seat here",
        }
        for number, (address, said) in enumerate(attempts.items()):
            bot = ["--bot", "linear"] if number % 2 else []  # the screens' way and the bot's
            done = subprocess.run(
                [*TABLETOP, "join", address, "--code", "aaaa-bbbb", *bot],
                capture_output=True,
                text=True,
                env=ENV,
                timeout=30,
            )
            assert done.returncode == 1
            assert said in done.stderr
            assert "Traceback" not in done.stderr
