"""`cadence report`: the printable report as a PDF, headless, checked by reading the PDF back.

The year-long report is made from the demo journal (`cadence demo --years 1 --seed 1
--end 2026-11-01`): its extracted text must show every session row whole on one page, no
heading as the last line of a page, a page number on every page, and every chart as an image.
"""

from __future__ import annotations

import html
import re
import shutil
import unicodedata
from datetime import date
from pathlib import Path

import pypdf
import pytest
from tests.conftest import make_session

from cadence.cli import main
from cadence.domain.enums import Discipline, ReflectionPrompt
from cadence.domain.records import ReflectionData
from cadence.services.records.journal import save_session
from cadence.services.records.preferences import Preferences, save_preferences
from cadence.services.reports.build import Audience, ReportContent, ReportSpec, build_report
from cadence.services.reports.html import report_html, session_cells
from cadence.store.db import close_journal, open_journal
from cadence.store.models import Cycle

YEAR = ("--from", "2025-11-02", "--to", "2026-11-01", "--today", "2026-11-01")
HOSTILE = '<b>bold</b><img src="file:///etc/passwd"><script>x</script>'


def squash(text: str) -> str:
    """Text without whitespace, ligatures unfolded: how a row reads whatever the line breaks."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def plain(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def page_texts(path: Path) -> list[str]:
    """Each page's text, words separated by single spaces, lines by newlines."""
    with path.open("rb") as handle:
        pages = [page.extract_text() for page in pypdf.PdfReader(handle).pages]
    return ["\n".join(" ".join(line.split()) for line in p.splitlines()) for p in pages]


def image_count(path: Path) -> list[int]:
    """Images drawn on each page (XObjects of subtype /Image)."""
    counts = []
    with path.open("rb") as handle:
        for page in pypdf.PdfReader(handle).pages:
            objects = page.get("/Resources", {}).get("/XObject", {})
            counts.append(
                sum(1 for o in objects.values() if o.get_object().get("/Subtype") == "/Image")
            )
    return counts


def body_lines(text: str) -> list[str]:
    """A page's lines without the header and footer (painted first, so they come first)."""
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[4:]


def content_of(db: Path, spec: ReportSpec, today: date) -> ReportContent:
    open_journal(db)
    try:
        return build_report(spec, today=today)
    finally:
        close_journal()


@pytest.fixture(scope="module")
def demo_year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    argv = ["demo", "--years", "1", "--seed", "1", "--end", "2026-11-01", "--db", str(path)]
    assert main(argv) == 0
    return path


@pytest.fixture
def demo(demo_year: Path, tmp_path: Path) -> Path:
    """A copy of the demo year for one test (opening a journal may write to it)."""
    copy = tmp_path / "demo.sqlite"
    shutil.copy(demo_year, copy)
    return copy


@pytest.mark.slow
def test_a_year_paginates_cleanly(
    qapp, demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cadence.ui.printing import locale_formats

    out = tmp_path / "year.pdf"
    assert main(["report", "--db", str(demo), *YEAR, "--page-size", "a4", "--pdf", str(out)]) == 0
    printed = capsys.readouterr().out
    content = content_of(demo, ReportSpec(date(2025, 11, 2), date(2026, 11, 1)), date(2026, 11, 1))
    texts = page_texts(out)
    pages = len(texts)
    assert f"Wrote {out}: {pages} pages, {content.session_count} sessions" in printed
    assert content.session_count > 600 and pages > 30

    # every session row whole on exactly one page
    fmt = locale_formats()
    squashed = [squash(t) for t in texts]
    rows = [
        squash("".join(plain(c) for c in session_cells(row, content.units, fmt)))
        for section in content.sections
        for month in section.months
        for row in month.rows
    ]
    assert len(rows) == content.session_count
    for row in rows:
        assert sum(row in page for page in squashed) == 1, row

    # no heading as the last line of a page, and a page number on each
    headings = {
        squash(plain(h))
        for h in re.findall(r"<h[1-4][^>]*>(.*?)</h[1-4]>", report_html(content, fmt))
    }
    assert {squash("■ Music"), squash("Sessions"), squash("Stop-points")} <= headings
    # a heading followed by a chart may be the last *text* of a page that draws the chart below it
    # (a chart is an image: its words are not in the page's text)
    before_chart = {
        squash(plain(h))
        for h in re.findall(
            r"<h[1-4][^>]*>([^<]*)</h[1-4]><p class=\"chart\">", report_html(content, fmt)
        )
    }
    images = image_count(out)
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {pages}" in text
        last = squash(body_lines(text)[-1])
        if last in before_chart and images[number - 1]:
            continue
        assert last not in headings, (number, body_lines(text)[-3:])

    # every chart is in the PDF as an image, and nothing else is
    assert sum(images) == len(content.charts) == 10
    assert images[0] == 2  # the overview's minutes per week and calendar
    with out.open("rb") as handle:
        box = pypdf.PdfReader(handle).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points


def test_teacher_and_coach_reports(
    qapp, demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_journal(demo)
    save_preferences(Preferences(name="Ada Lovelace", teacher="Ms Rivera", coach="Coach Kim"))
    close_journal()
    teacher, coach = tmp_path / "teacher.pdf", tmp_path / "coach.pdf"
    month = ("--from", "2026-09-01", "--to", "2026-09-30", "--today", "2026-11-01")
    argv = ["report", "--db", str(demo), *month, "--page-size", "letter"]
    assert (
        main([*argv, "--discipline", "music", "--audience", "teacher", "--pdf", str(teacher)]) == 0
    )
    assert main([*argv, "--discipline", "running", "--audience", "coach", "--pdf", str(coach)]) == 0
    capsys.readouterr()
    t = "\n".join(page_texts(teacher))
    c = "\n".join(page_texts(coach))
    assert "For Ms Rivera" in t and "Ada Lovelace" in t
    assert "Passages: tempo and accuracy" in t and "Weekly distance and load" not in t
    assert "For Coach Kim" in c and "Weekly distance and load" in c
    assert "Passages: tempo and accuracy" not in c
    with teacher.open("rb") as handle:
        box = pypdf.PdfReader(handle).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # Letter
    spec = ReportSpec(date(2026, 9, 1), date(2026, 9, 30), Discipline.MUSIC, Audience.TEACHER)
    charts = content_of(demo, spec, date(2026, 11, 1)).charts
    assert sum(image_count(teacher)) == len(charts) >= 4


def test_user_text_prints_as_text(qapp, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "journal.sqlite"
    open_journal(db)
    save_preferences(Preferences(name="Ada"))
    save_session(
        make_session(
            Discipline.MUSIC,
            day=date(2026, 3, 4),
            rpe=4,
            reflections=[ReflectionData(ReflectionPrompt.WENT_WELL, HOSTILE, True)],
        )
    )
    close_journal()
    out = tmp_path / "r.pdf"
    argv = ["report", "--db", str(db), "--from", "2026-03-02", "--to", "2026-03-08"]
    assert main([*argv, "--discipline", "music", "--pdf", str(out)]) == 0
    assert ": 1 page, 1 session, " in capsys.readouterr().out
    text = unicodedata.normalize("NFKC", "\n".join(page_texts(out)))
    assert HOSTILE in text.replace("\n", "")
    content = content_of(db, ReportSpec(date(2026, 3, 2), date(2026, 3, 8), "music"), date.today())
    assert sum(image_count(out)) == len(content.charts)  # the charts and no other image


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--from", "2026-03-08", "--to", "2026-03-01"], "swap the two dates"),
        (["--from", "2026-03-01", "--to", "2026-03-08", "--pdf", "x.txt"], "does not end in .pdf"),
        (
            ["--from", "2026-03-01", "--to", "2026-03-08", "--pdf", "/nowhere/at/all/r.pdf"],
            "does not exist",
        ),
        (["--from", "1926-03-01", "--to", "2026-03-08"], "at most ten years"),
    ],
)
def test_bad_input_says_what_to_do(
    extra: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "journal.sqlite"
    open_journal(db)
    close_journal()
    argv = ["report", "--db", str(db), "--pdf", str(tmp_path / "r.pdf"), *extra]
    assert main(argv) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "r.pdf").exists()


def test_no_journal_no_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["report", "--db", str(tmp_path / "none.sqlite"), "--from", "2026-03-01"]
    assert main([*argv, "--to", "2026-03-02", "--pdf", str(tmp_path / "r.pdf")]) == 2
    assert "there is no journal" in capsys.readouterr().err
    assert not (tmp_path / "none.sqlite").exists()


def test_a_cycle_report_by_name_or_number(
    qapp, demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_journal(demo)
    save_preferences(Preferences(name="Ada Lovelace", coach="Coach Kim"))
    close_journal()
    out = tmp_path / "cycle.pdf"
    argv = ["report", "--db", str(demo), "--today", "2026-11-01", "--page-size", "a4"]
    cycle = ("--cycle", "city half marathon 2026")
    assert main([*argv, *cycle, "--for", "coach", "--pdf", str(out)]) == 0
    assert f"Wrote {out}: " in capsys.readouterr().out
    text = " ".join("\n".join(page_texts(out)).split())
    assert "For Coach Kim" in text
    assert "City Half Marathon 2026" in text and "5 Jan 2026" in text and "26 Apr 2026" in text
    for heading in ("What it will demand", "Phases", "Focus targets", "Readiness check", "Debrief"):
        assert heading in text, heading
    assert "Result: 1:46:47" in text and "Distance" in text and "Climb" in text
    assert "Why it matters" not in text  # motivators are for oneself
    assert "Do I still want this" not in text  # and so is the readiness check's answer
    assert "Passages: tempo and accuracy" not in text  # the cycle's craft only

    # by its number, for oneself: the motivators are shown
    mine = tmp_path / "mine.pdf"
    open_journal(demo)
    (number,) = [c.id for c in Cycle.select() if c.name == "City Half Marathon 2026"]
    close_journal()
    assert main([*argv, "--cycle", str(number), "--pdf", str(mine)]) == 0
    mine_text = " ".join("\n".join(page_texts(mine)).split())
    assert "Why it matters" in mine_text
    assert "Do I still want this, and why? Yes: to" in mine_text


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--cycle", "Spring marathon 1999"], "there is no training cycle 'Spring marathon 1999'"),
        (["--cycle", "999"], "City Half Marathon 2026"),  # the choices are listed
        (["--cycle", "1", "--from", "2026-01-01"], "leave out --from and --to"),
        ([], "give the days with --from and --to"),
    ],
)
def test_a_cycle_report_with_bad_input_says_what_to_do(
    demo: Path, extra: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.pdf"
    assert main(["report", "--db", str(demo), "--pdf", str(out), *extra]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_two_cycles_of_one_name_are_told_apart_by_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "journal.sqlite"
    open_journal(db)
    for _ in range(2):
        Cycle.create(name="Base", start_date=date(2026, 1, 5), end_date=date(2026, 2, 1))
    close_journal()
    out = tmp_path / "r.pdf"
    assert main(["report", "--db", str(db), "--cycle", "Base", "--pdf", str(out)]) == 2
    assert "2 training cycles are named 'Base'; give its number (" in capsys.readouterr().err
