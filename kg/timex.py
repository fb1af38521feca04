"""Resolve time expressions ("on Tuesday", "March 3", "in 2014") to ISO dates.

Relative expressions are resolved against the article's publication date, the way news uses them: a weekday
means the latest such day on or before publication ("said on Tuesday" in Tuesday's paper is that day).
Without a publication date only absolute dates resolve. Durations ("15 years") are not dates.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"


def resolve_time(expression: str, published: str | None) -> str | None:
    """An ISO date (YYYY-MM-DD), month (YYYY-MM) or year (YYYY) for `expression`, or None."""
    text = expression.lower().strip()
    text = re.sub(r"^(?:on|in|at|during|since|by|from|until|of)\s+", "", text)
    base = date.fromisoformat(published) if published else None
    for word, delta in RELATIVE_DAYS.items():
        if re.fullmatch(rf"(?:early |late |earlier |later )?{word}(?: morning| afternoon| evening| night)?", text):
            return (base + timedelta(days=delta)).isoformat() if base else None
    day = re.fullmatch(rf"(last |this |next |early |late )?({'|'.join(WEEKDAYS)})(?: morning| afternoon| evening| night)?",
                       text)
    if day:
        if base is None:
            return None
        target = WEEKDAYS.index(day.group(2))
        if day.group(1) == "next ":
            return (base + timedelta(days=(target - base.weekday() - 1) % 7 + 1)).isoformat()
        back = (base.weekday() - target) % 7
        if day.group(1) == "last " and back == 0:
            back = 7
        return (base - timedelta(days=back)).isoformat()
    if re.fullmatch(r"(?:the year )?(1[89]\d\d|20\d\d)", text):
        return re.search(r"\d{4}", text).group(0)
    month_year = re.fullmatch(rf"({MONTHS})\s*,?\s*(\d{{4}})", text)
    if month_year:
        return _parse(text, base, "%Y-%m")
    if re.search(MONTHS, text) and re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b", text) or re.fullmatch(
            r"\d{4}-\d{2}-\d{2}", text):
        if not re.search(r"\b\d{4}\b", text) and base is None:
            return None
        return _parse(text, base, "%Y-%m-%d")
    return None


def _parse(text: str, base: date | None, fmt: str) -> str | None:
    import dateparser  # lazily: slow to import

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.strftime(fmt) if parsed else None
