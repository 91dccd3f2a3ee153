"""`cadence studio init|add|remove|members` and a student's own `--db postgresql://…`."""

from __future__ import annotations

import io
import json

import psycopg
import pytest

from cadence.cli import main
from cadence.store.migrations import SCHEMA_VERSION


def run(capsys, *argv: str, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_init_add_and_members_from_the_command_line(pg_cluster, capsys, monkeypatch) -> None:
    name = pg_cluster.new_database("cli")
    admin = pg_cluster.url(name)
    for _ in range(2):  # idempotent
        code, out, _ = run(capsys, "studio", "init", "--db", admin)
        assert code == 0 and "is ready" in out
    assert pg_cluster.admin_sql("SELECT version FROM cadence_schema", name) == [(SCHEMA_VERSION,)]

    code, out, _ = run(
        capsys,
        "studio",
        "add",
        "hana",
        "--role",
        "student",
        "--password-stdin",
        "--db",
        admin,
        stdin="s3cret-hana\n",
        monkeypatch=monkeypatch,
    )
    assert code == 0 and "password read from standard input" in out
    assert "s3cret" not in out
    with psycopg.connect(pg_cluster.tcp_url(name, "hana"), password="s3cret-hana"):
        pass

    # no terminal, no --password-stdin: no password, and the command says so
    code, out, _ = run(
        capsys,
        "studio",
        "add",
        "ivan",
        "--role",
        "coach",
        "--db",
        admin,
        stdin="",
        monkeypatch=monkeypatch,
    )
    assert code == 0 and "without a password" in out
    assert pg_cluster.admin_sql(
        "SELECT rolpassword IS NULL FROM pg_authid WHERE rolname = 'ivan'"
    ) == [(True,)]

    code, out, _ = run(
        capsys,
        "studio",
        "add",
        "jon",
        "--role",
        "student",
        "--teacher",
        "ivan",
        "--db",
        admin,
        stdin="",
        monkeypatch=monkeypatch,
    )
    assert code == 0 and "taught by ivan" in out
    code, out, _ = run(capsys, "studio", "members", "--db", admin)
    assert code == 0
    lines = [line.split() for line in out.splitlines()]
    assert lines == [
        ["ivan", "coach"],
        ["hana", "student"],
        ["jon", "student", "taught", "by", "ivan"],
    ]


def test_refusals_say_what_to_do(pg_cluster, capsys, monkeypatch, tmp_path) -> None:
    code, _, err = run(capsys, "studio", "init", "--db", str(tmp_path / "j.sqlite"))
    assert code == 1 and "postgresql://ADMIN@HOST/DB" in err
    name = pg_cluster.new_database("cli")
    code, _, err = run(
        capsys,
        "studio",
        "add",
        "kim",
        "--role",
        "student",
        "--db",
        pg_cluster.url(name),
        stdin="",
        monkeypatch=monkeypatch,
    )
    assert code == 1 and "cadence studio init" in err
    code, _, err = run(capsys, "studio", "remove", "nobody", "--db", pg_cluster.url(name))
    assert code == 1 and "not a member" in err


def test_a_wrong_password_in_the_url_is_never_printed(pg_cluster, capsys) -> None:
    name = pg_cluster.new_database("cli")
    url = pg_cluster.tcp_url(name, "cadence_admin").replace("admin@", "admin:hunter2-x@")
    code, out, err = run(capsys, "studio", "members", "--db", url)
    assert code == 2
    assert "hunter2" not in out + err and "password authentication failed" in err


def test_a_student_exports_from_the_studio(pg_cluster, capsys, monkeypatch, tmp_path) -> None:
    name = pg_cluster.new_database("cli")
    run(capsys, "studio", "init", "--db", pg_cluster.url(name))
    run(
        capsys,
        "studio",
        "add",
        "lena",
        "--role",
        "student",
        "--db",
        pg_cluster.url(name),
        stdin="",
        monkeypatch=monkeypatch,
    )
    out_file = tmp_path / "lena.json"
    code, _out, err = run(
        capsys, "export", "--out", str(out_file), "--db", pg_cluster.url(name, "lena")
    )
    assert code == 0, err
    assert out_file.exists()


def test_stats_report_and_check_read_a_server_journal(
    pg_cluster, capsys, monkeypatch, tmp_path
) -> None:
    name = pg_cluster.new_database("cli")
    admin = pg_cluster.url(name)
    assert main(["studio", "init", "--db", admin]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["studio", "add", "pia", "--role", "student", "--db", admin]) == 0
    url = pg_cluster.url(name, "pia")
    file = tmp_path / "pia.sqlite"
    demo = ["demo", "--years", "1", "--seed", "3", "--end", "2025-12-31", "--db", str(file)]
    assert main(demo) == 0
    assert main(["export", "--out", str(tmp_path / "pia.json"), "--db", str(file)]) == 0
    assert main(["restore", str(tmp_path / "pia.json"), "--db", url]) == 0
    capsys.readouterr()
    outputs = []
    for where in (url, str(file)):
        assert (
            main(["stats", "--json", "--from", "2025-01-01", "--to", "2025-12-31", "--db", where])
            == 0
        )
        outputs.append(json.loads(capsys.readouterr().out))
    assert outputs[0] == outputs[1]  # the same numbers from either engine
    assert main(["check", "--db", url]) == 0
    assert ": ok" in capsys.readouterr().out


def test_a_teacher_reads_a_students_stats_with_person(pg_cluster, capsys, monkeypatch) -> None:
    name = pg_cluster.new_database("cli")
    admin = pg_cluster.url(name)
    assert main(["studio", "init", "--db", admin]) == 0
    for who, role in (("quinn", "student"), ("rosa", "student"), ("sam", "teacher")):
        monkeypatch.setattr("sys.stdin", io.StringIO(""))
        assert main(["studio", "add", who, "--role", role, "--db", admin]) == 0
    from tests.conftest import make_session

    from cadence.services.records.journal import save_session
    from cadence.store.db import close_journal, open_journal

    for who, minutes in (("quinn", 40), ("rosa", 25)):
        open_journal(pg_cluster.url(name, who))
        try:
            save_session(make_session(minutes=minutes))
        finally:
            close_journal()
    capsys.readouterr()
    span = ["--from", "2026-03-01", "--to", "2026-03-08", "--json"]
    teacher = pg_cluster.url(name, "sam")
    assert main(["stats", *span, "--person", "quinn", "--db", teacher]) == 0
    quinn = json.loads(capsys.readouterr().out)
    assert quinn["summary"]["all"]["minutes"]["total"] == 40
    assert main(["stats", *span, "--db", teacher]) == 0  # the teacher's own journal: empty
    assert json.loads(capsys.readouterr().out)["summary"]["all"]["minutes"]["total"] == 0
    # a student cannot look at another student
    assert main(["stats", *span, "--person", "rosa", "--db", pg_cluster.url(name, "quinn")]) == 2
    assert "not a student you teach" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv", [["backup"], ["backups"], ["restore-backup", "old.sqlite"]], ids=lambda a: a[0]
)
def test_file_backups_point_a_server_journal_to_pg_dump(argv: list[str], capsys) -> None:
    assert main([*argv, "--db", "postgresql://alice@db.invalid/studio"]) == 2
    assert "pg_dump" in capsys.readouterr().err
