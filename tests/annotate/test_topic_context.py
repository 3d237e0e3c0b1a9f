"""Topic matches read in the context of who met."""

from __future__ import annotations

from analysis.annotate.segment import segment
from analysis.annotate.tagging import tag_topics
from analysis.annotate.topic_context import topics_in_context

TEXT = ("The President of Ukraine met with the Director General of the IAEA. "
        "They discussed cooperation on nuclear safety and the sanctions against Russia.")


def _topics(rows) -> set[str]:
    return {row[1] for row in rows}


def test_plain_cooperation_with_an_organisation_of_no_country_is_no_bilateral_relationship(gaz, topics):
    rows = tag_topics(TEXT, segment(TEXT).sentences, lexicon=topics)
    assert "bilateral_relations" in _topics(rows)
    kept = topics_in_context(rows, TEXT, side="UA", participant_sides=["UA", None], gazetteer=gaz)
    assert "bilateral_relations" not in _topics(kept)
    assert {"sanctions", "ukraine_russia"} <= _topics(kept)  # the other topics stay


def test_a_country_counterpart_or_relations_themselves_keep_it(gaz, topics):
    rows = tag_topics(TEXT, segment(TEXT).sentences, lexicon=topics)
    assert "bilateral_relations" in _topics(topics_in_context(rows, TEXT, side="UA", participant_sides=["UA", "PL"], gazetteer=gaz))
    text = TEXT + " The parties praised the bilateral relations."
    rows = tag_topics(text, segment(text).sentences, lexicon=topics)
    assert "bilateral_relations" in _topics(topics_in_context(rows, text, side="UA", participant_sides=["UA", None], gazetteer=gaz))


def test_the_issuers_own_country_is_still_dropped(gaz, topics):
    text = "The President of Ukraine thanked Japan for its support of Ukraine."
    rows = tag_topics(text, segment(text).sentences, lexicon=topics)
    kept = topics_in_context(rows, text, side="UA", participant_sides=["UA", "JP"], gazetteer=gaz)
    assert "Ukraine" not in {text[s:e] for *_, s, e in kept}


def test_the_counterparts_country_in_the_event_sentence_names_who_met_not_a_topic(gaz, topics):
    text = ("Vladimir Putin had a telephone conversation with Prime Minister of Israel Naftali Bennett. "
            "They discussed the talks on Ukraine.")
    rows = tag_topics(text, segment(text).sentences, lexicon=topics)
    assert "middle_east" in _topics(rows)
    kept = topics_in_context(rows, text, side="RU", participant_sides=["RU", "IL"], gazetteer=gaz)
    assert "middle_east" not in _topics(kept) and "ukraine_russia" in _topics(kept)


def test_the_counterparts_country_later_in_the_readout_still_counts(gaz, topics):
    text = ("Vladimir Putin had a telephone conversation with Prime Minister of Israel Naftali Bennett. "
            "They discussed the security of Israel.")
    rows = tag_topics(text, segment(text).sentences, lexicon=topics)
    kept = topics_in_context(rows, text, side="RU", participant_sides=["RU", "IL"], gazetteer=gaz)
    assert [row[0] for row in kept if row[1] == "middle_east"] == [1]
    other = topics_in_context(rows, text, side="RU", participant_sides=["RU", "FR"], gazetteer=gaz)  # not the counterpart's
    assert [row[0] for row in other if row[1] == "middle_east"] == [0, 1]


def test_the_event_sentence_after_an_attribution_line_is_the_one_that_names_who_met(gaz, topics):
    text = ("The below is attributable to Spokesperson Ned Price:\n\n"
            "Secretary Blinken spoke with Israeli Foreign Minister Yair Lapid. They discussed the talks on Ukraine.")
    rows = tag_topics(text, segment(text).sentences, lexicon=topics)
    kept = topics_in_context(rows, text, side="US", participant_sides=["US", "IL"], gazetteer=gaz, event_sentence=1)
    assert "middle_east" not in _topics(kept)
    assert "middle_east" in _topics(topics_in_context(rows, text, side="US", participant_sides=["US", "IL"], gazetteer=gaz))


def test_an_entry_for_some_issuers_counts_in_their_readouts_only(gaz, topics):
    text = "The President of Ukraine met the Prime Minister of Japan. They discussed reconstruction after the war."
    rows = tag_topics(text, segment(text).sentences, lexicon=topics)
    kyiv = topics_in_context(rows, text, side="UA", participant_sides=["UA", "JP"], gazetteer=gaz, sides=topics.sides)
    assert ("ukraine_russia", "war") in {(row[1], row[2]) for row in kyiv}
    tokyo = topics_in_context(rows, text, side="JP", participant_sides=["JP", "UA"], gazetteer=gaz, sides=topics.sides)
    assert "ukraine_russia" not in _topics(tokyo) and "development_finance" in _topics(tokyo)  # any other issuer's war
    assert "war" in {row[2] for row in topics_in_context(rows, text, side="JP", participant_sides=["JP", "UA"], gazetteer=gaz)}


def test_a_bare_title_the_event_sentence_gave_in_full_takes_its_topic(gaz, topics):
    text = ("President of Ukraine Volodymyr Zelenskyy had a phone conversation with NATO Secretary General Jens Stoltenberg. "
            "The Secretary General briefed the President on the NATO-Russia Council.")
    rows = tag_topics(text, segment(text).sentences, lexicon=topics)
    assert ("multilateral_institutions", 1) in {(row[1], row[0]) for row in rows}
    kept = topics_in_context(rows, text, side="UA", participant_sides=["UA", None], gazetteer=gaz)
    assert "multilateral_institutions" not in _topics(kept)
    assert [row[0] for row in kept if row[2] == "Secretary-General"] == [1]  # the row stays, as NATO's
    un = "President Zelenskyy met with UN Secretary-General António Guterres. The Secretary-General thanked him."
    un_rows = tag_topics(un, segment(un).sentences, lexicon=topics)
    assert "multilateral_institutions" in _topics(topics_in_context(un_rows, un, side="UA", participant_sides=["UA", None], gazetteer=gaz))
