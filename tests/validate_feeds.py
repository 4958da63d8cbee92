#!/usr/bin/env python3
"""Reads every calendar (*.ics) and Atom feed (atom.xml) of a built kette
site with the readers subscribers use, Python's `icalendar` and
`feedparser`, and compares what they read with the values written in the
content.

    python3 tests/validate_feeds.py OUTPUT_DIR EXPECTED_JSON

EXPECTED_JSON (tests/fixtures/hostile-text/expected.json) names every
calendar and feed the site has, with its values as written; a reader gives
a line break of any kind (CRLF, LF, lone CR) as a line feed, as RFC 5545 and
XML define them. Fails (exit 1) on a parse error, a feed feedparser calls
ill-formed ("bozo"), a file more or less than expected, an event more or
less than expected, or any value that reads back differently. scripts/test.sh
runs it on the fixture site built with the debug binary.
"""

import json
import pathlib
import sys

import feedparser
import icalendar


def as_read(text):
    """`text` with every line break as a line feed."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# NAME (RFC 7986) and the X-WR- names are TEXT, which `icalendar` does not
# know: told, it unescapes them as it unescapes SUMMARY.
for _name in ("name", "x-wr-calname", "x-wr-caldesc"):
    icalendar.Calendar.types_factory.types_map[_name] = "text"


def text_of(prop):
    """A TEXT property's value as a client reads it."""
    return None if prop is None else str(prop)


def check_calendar(path, expected, problems):
    try:
        cal = icalendar.Calendar.from_ical(path.read_bytes())
    except Exception as err:  # any exception is a file a client cannot read
        problems.append(f"{path}: does not parse: {err}")
        return
    for component in cal.walk():
        for error in getattr(component, "errors", []):
            problems.append(f"{path}: {component.name}: {error}")

    def same(what, got, want):
        if want is not None:
            want = as_read(want)
        if got != want:
            problems.append(f"{path}: {what} reads {got!r}, expected {want!r}")

    for key in ("NAME", "X-WR-CALNAME"):
        same(key, text_of(cal.get(key)), expected["name"])
    for key in ("DESCRIPTION", "X-WR-CALDESC"):
        same(key, text_of(cal.get(key)), expected.get("description"))

    events = {str(e.get("UID")): e for e in cal.walk("VEVENT")}
    if sorted(events) != sorted(expected["events"]):
        problems.append(
            f"{path}: events {sorted(events)}, expected {sorted(expected['events'])}"
        )
    for uid, want in expected["events"].items():
        event = events.get(uid)
        if event is None:
            continue
        for key in ("summary", "location", "description"):
            same(f"{uid} {key.upper()}", text_of(event.get(key.upper())), want.get(key))
        categories = event.get("CATEGORIES")
        got = [str(c) for c in categories.cats] if categories is not None else []
        same_list = got == [as_read(c) for c in want["categories"]]
        if not same_list:
            problems.append(
                f"{path}: {uid} CATEGORIES reads {got!r}, expected {want['categories']!r}"
            )


def check_feed(path, expected, problems):
    feed = feedparser.parse(path.read_bytes())
    if feed.bozo:
        problems.append(f"{path}: not well-formed: {feed.bozo_exception}")
        return

    def same(what, got, want):
        if got != as_read(want):
            problems.append(f"{path}: {what} reads {got!r}, expected {as_read(want)!r}")

    same("title", feed.feed.get("title"), expected["title"])
    same("subtitle", feed.feed.get("subtitle"), expected["subtitle"])
    entries = {e.get("link"): e for e in feed.entries}
    if sorted(entries) != sorted(expected["entries"]):
        problems.append(
            f"{path}: entries {sorted(entries)}, expected {sorted(expected['entries'])}"
        )
    for link, want in expected["entries"].items():
        entry = entries.get(link)
        if entry is None:
            continue
        for key in ("title", "summary", "author"):
            same(f"{link} {key}", entry.get(key), want[key])
        tags = [t.get("label") for t in entry.get("tags", [])]
        if tags != want["tags"]:
            problems.append(f"{path}: {link} tags {tags!r}, expected {want['tags']!r}")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    out = pathlib.Path(sys.argv[1])
    expected = json.loads(pathlib.Path(sys.argv[2]).read_text(encoding="utf-8"))
    problems = []
    calendars = {p.relative_to(out).as_posix(): p for p in out.rglob("*.ics")}
    feeds = {p.relative_to(out).as_posix(): p for p in out.rglob("atom.xml")}
    for kind, found, wanted in (
        ("calendars", calendars, expected["calendars"]),
        ("feeds", feeds, expected["feeds"]),
    ):
        if sorted(found) != sorted(wanted):
            problems.append(f"{out}: {kind} {sorted(found)}, expected {sorted(wanted)}")
    for name, path in sorted(calendars.items()):
        if name in expected["calendars"]:
            check_calendar(path, expected["calendars"][name], problems)
    for name, path in sorted(feeds.items()):
        if name in expected["feeds"]:
            check_feed(path, expected["feeds"][name], problems)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"{len(calendars)} calendars and {len(feeds)} feeds read back as written")


if __name__ == "__main__":
    main()
