"""Issuers as data: source and side from a URL or a name, as lexicons/issuers.yaml says."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from analysis.ingest.issuers import issuer_from_name, issuer_from_url, load_issuers


@pytest.mark.parametrize(("url", "name", "side"), [
    ("http://en.kremlin.ru/events/president/news/67315", "Kremlin", "RU"),
    ("https://www.president.gov.ua/en/news/x-72053", "Office of the President of Ukraine", "UA"),
    ("https://www.state.gov/secretary-blinkens-call-with-x/", "US State Dept", "US"),
    ("https://bidenwhitehouse.archives.gov/briefing-room/x/", "White House", "US"),
    ("https://www.fmprc.gov.cn/mfa_eng/x.html", "PRC MFA", "CN"),
    ("https://english.www.gov.cn/news/x", "PRC State Council", "CN"),
    ("https://www.number10.gov.uk/news/x", "UK Prime Minister's Office", "GB"),
    ("https://www.gov.uk/government/news/x", "UK Government", "GB"),
    ("https://www.mid.ru/en/foreign_policy/news/x", "Russian MFA", "RU"),
    ("https://mfa.gov.ua/en/news/x", "Ukraine MFA", "UA"),
])
def test_issuer_from_url_longest_domain_wins(url, name, side):
    issuer = issuer_from_url(url)
    assert issuer is not None and (issuer.name, issuer.side) == (name, side)


@pytest.mark.parametrize(("given", "name"), [
    ("US State Dept", "US State Dept"),
    ("Department of State", "US State Dept"),
    ("the U.S. Department of State", "US State Dept"),
    ("Kremlin", "Kremlin"),
    ("The Kremlin", "Kremlin"),
    ("Office of the President of Ukraine", "Office of the President of Ukraine"),
    ("Ministry of Foreign Affairs of the People's Republic of China", "PRC MFA"),
    ("PRC MFA", "PRC MFA"),
])
def test_issuer_from_name_reads_aliases(given, name):
    assert issuer_from_name(given).name == name


def test_unknown_inputs_give_none():
    assert issuer_from_url("https://example.org/readout") is None
    assert issuer_from_url(None) is None
    assert issuer_from_name("Ministry of Silly Walks") is None
    assert issuer_from_name(42) is None


def test_the_shipped_issuers_cover_the_design_card_and_name_real_time_zones():
    book = load_issuers()
    names = {i.name for i in book.issuers}
    assert {"White House", "US State Dept", "PRC MFA", "Kremlin", "Russian MFA", "Office of the President of Ukraine",
            "Ukraine MFA"} <= names
    assert {i.side for i in book.issuers} >= {"US", "CN", "RU", "UA", "GB", "FR", "DE", "IT", "JP", "CA"}
    for issuer in book.issuers:
        if issuer.timezone:
            ZoneInfo(issuer.timezone)  # raises on a misspelt zone


def test_a_broken_issuers_file_names_itself(tmp_path):
    bad = tmp_path / "issuers.yaml"
    bad.write_text("issuers:\n  - {side: US}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="issuers.yaml: issuer 1 needs a 'name'"):
        load_issuers(bad)
    bad.write_text("issuers: [\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not valid YAML"):
        load_issuers(bad)
