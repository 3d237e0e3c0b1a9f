"""The phrases of attribution: regular expressions and office words :mod:`analysis.annotate.speakers` reads sentences with.

Subjects ("The two leaders", "He", "the President of Russia", "the Chinese side"), sentence openings and
endings (adverbials, agenda and passive sentences, closing quotations, second reporting clauses), and the
office nouns a role resolves to. Data-like and stateless; the rules that use them live in ``speakers``.
"""

from __future__ import annotations

import re

ADVERBIAL = re.compile(
    r"^(?:(?:On|In|During|At|Throughout|Following|After|Before|Regarding|With respect to|With regard to|As regards|Turning to|Separately|"
    r"Additionally|Furthermore|Moreover|Finally|Lastly|Meanwhile|Today|Earlier today|Yesterday|Together|"
    r"For (?:his|her|their|its|our) part|In addition|Recently|Then|Further|Also|Specifically|Later|Next|First|"
    r"Second|Third|Both in|Over|Prior to|Upon|Ahead of|Building on|Consistent with|Noting|Recalling|Overall|"
    r"According to|At the request of|At the initiative of|In turn|In this regard|In this context|In that regard|In that context|"
    r"In this connection|In particular|Against this backdrop|"
    r"As a follow-up to|In follow-up to|Following up on|As part of|Against the background of|Given|"
    r"Having|Speaking|Commenting|Referring|Responding to|In response to|Replying to|In reply to|Answering|Considering)\b[^,]{0,160},\s*"
    r"(?:(?:where|which|who|when|including)\b[^,]{0,160},\s*)*"
    # the Kremlin's "When the President of France mentioned ... in Ukraine, Vladimir Putin commented that ..."; "As before, ..."
    r"|(?:When|Once|As soon as)\s[^,]{0,260},\s*|As (?:before|previously|earlier|usual),\s*)+")
#: Openings before the subject without a comma ("And", "during the meeting the parties discussed ...").
LEADING = re.compile(r"^(?:And|But|However|Also|Further|Then|So|Thus|Therefore|Hence|[Tt]oday|[Nn]ow|"
                     r"(?:[Dd]uring|[Aa]t|[Ii]n the course of) the (?:\w+ )?(?:meeting|conversation|talks|call|negotiations)|"
                     r"In this (?:connection|regard|context|respect))\s*,?\s+")
#: A passive with its agent: "The situation in Mali was also raised by Emmanuel Macron."
#: ("The meeting was also attended by Prime Minister Denys Shmyhal." is narration: who took part, not what anyone said.)
BY_AGENT = re.compile(r"\b(?:was|were|has been|have been)\s+(?:also\s+)?(?!(?:attended|accompanied|joined|chaired|co-chaired|hosted|"
                      r"organi[sz]ed|moderated|led|headed)\b)[a-z]+ed\s+by\s+(?P<s>[^,;:]{2,80}?)\s*\.?\s*$")
#: The attribution of a statement the release opened with, in the Ukrainian presidency's reports of remarks to the media
#: after talks: "This was stated by President Volodymyr Zelenskyy during a meeting with media representatives following
#: the negotiations with ...", "He said this in a statement to the media ...", "The President made this statement ..."
#: (labels_ukraine_dev12*.yaml: the sentence and the unattributed opening before it are the speaker's).
STATEMENT_BY = re.compile(
    r"^\s*(?:(?:This|That|It)\s+was\s+(?:also\s+)?(?:stated|said|emphasi[sz]ed|noted|announced|stressed|declared|underlined|"
    r"underscored|pointed out|voiced)\s+by\s+(?P<s1>[^,;:\"“]{2,120}?)"
    r"|(?P<s2>[A-Z](?:(?!\b(?:said|stated|told)\b)[^;:\"“]){1,120}?)\s+(?:said|stated|told|emphasi[sz]ed|noted|announced)\s+(?:this|so)"
    r"|(?P<s3>[A-Z](?:(?!\b(?:said|stated|told)\b)[^;:\"“]){1,120}?)\s+made\s+this\s+statement)"
    r"(?=,?\s+(?:in|during|at|when|while|after|following|answering|to\s+(?:the\s+)?(?:media|journalists|reporters))\b)")
#: The same attribution at the end of the opening sentence, with no quotation marks: "The world community must help
#: Ukraine unblock seaports ..., said President Volodymyr Zelenskyy." (labels_ukraine_dev12e.yaml).
STATEMENT_TAIL = re.compile(r"^[^\"“”]{20,}?,\s+(?:said|stated|noted|emphasi[sz]ed|stressed)\s+(?P<s4>(?:the\s+)?[A-Z][^,;:\"“”]{1,80}?)"
                            r"(?:\s*\.\s*$|,?\s+(?:during|at|after|following|when|while|in\s+(?:a|an|his|her)\s)\b)")
#: The talks a statement to the media followed ("... the Head of State said during a meeting with media representatives
#: following negotiations with Portuguese Prime Minister António Costa"): their principals are the release's participants.
AFTER_TALKS = re.compile(r"\bmedia\b[^.]*?\b(?:following|after)\s+(?:the\s+|his\s+)?(?:talks|negotiations|meeting)\s+with\b")
#: Background narration: "Earlier, Vladimir Putin sent a message ..."
#: The issuer's note of who asked for the call: "The conversation was initiated by the French side."
INITIATED = re.compile(r"^\s*(?:The|This)\s+(?:telephone\s+|phone\s+)?(?:conversation|call|meeting|talks|video\s*call|videoconference|event|visit)\s+"
                       r"(?:was|were)\s+(?:held\s+)?(?:initiated|requested|organised|organized)\b", re.IGNORECASE)
#: An earlier event told in passing, with no reporting subject: "The latest round took place recently in Istanbul.",
#: "This issue also came up during a recent videoconference with ...".
PAST_EVENT = re.compile(r"\b(?:took place|came up|was held|were held)\b[^,;]*\b(?:recent|recently|earlier|ago|last)\b"
                        r"|\b(?:recent|recently|earlier)\b[^,;]*\b(?:took place|came up|was held|were held)\b")
#: "Her country supports ...": the country of the person a pronoun refers to.
POSSESSIVE_COUNTRY = re.compile(r"(?P<p>his|her)\s+(?:country|state|government)", re.IGNORECASE)
BACKGROUND = re.compile(r"^\s*(?:Earlier|Previously|Prior to that|Before that|Since\s+(?:[A-Z][a-z]+\s+)?\d[^,]{0,20})\s*,",
                         re.IGNORECASE)
#: "According to the President, ...": the sentence is that person's.
ACCORDING = re.compile(r"^\s*(?:(?:Also|In addition|At the same time|Moreover|Furthermore|However|In particular|Thus|So),?\s+)?"
                       r"[Aa]ccording to (?P<s>[^,]{2,80}),\s*")
TRAILING = re.compile(
    r"(?:,?\s+(?:also|further|again|then|additionally|strongly|firmly|repeatedly|warmly|jointly|both|all|each|"
    r"once|likewise|similarly|specifically|particularly|personally|directly|briefly|clearly|candidly|explicitly|"
    r"emphatically|sincerely|deeply|fully|once again|had|has|have|would|will|did|does|do|not|could|can|is|are|was|"
    r"were|remain|remains|remained|themselves|together|,)|\s+[a-z]+ly|\s+(?:went|go|goes) on to|\s+continued to|"
    r"\s+took the opportunity to|\s+sought to|\s+used the (?:call|meeting) to|,?\s+in (?:his |her )?turn,?|"
    r",?\s+for (?:his|her|their) part,?|,?\s+in response,?)+$", re.IGNORECASE)
JOINT = re.compile(
    r"(?:the\s+)?(?:(?:two|both|three|four|all)\s+(?:[\w’']+\s+)?(?:sides|leaders|presidents|ministers|parties|"
    r"delegations|countries|officials|heads of state|counterparts|teams|principals|nations|governments|advisors|"
    r"secretaries|men|women|interlocutors|participants)|leaders|presidents|delegations|two|three|four|sides|counterparts|parties|"
    r"interlocutors|participants|officials|politicians|"  # "The officials discussed", "The politicians have agreed" (dev15)
    # Kyiv: "During the meeting, the diplomats paid ...", "The participants in the consultations agreed ..." (dev14c, dev14f)
    r"diplomats|heads of state)(?:\s+(?:of|in)\s+.*)?"
    # "The meeting participants exchanged views" (labels_ukraine_dev18b.yaml)
    r"|the\s+(?:[\w’'-]+\s+){0,3}(?:leaders|advisors|advisers|ministers|presidents|secretaries|delegations|principals|"
    r"interlocutors|sides|participants)"
    r"(?:\s+of\s+(?:the\s+)?(?:two|both)\s+(?:countries|states|sides))?"
    r"|it(?:\s+(?:was|has been|had been|is))?"
    r"|participants(?:\s+in\s+.*)?|both(?:\s+of\s+them)?|they|each side|both leaders|the group"
    # a delegation of legislators or a group of envoys, the counterpart side: "US senators expressed ..." (dev16d)
    # "the Head of the Office of the President and the Ambassadors of the G7 and the EU exchanged views" (dev16e)
    r"|(?:the\s+)?(?:(?-i:[A-Z])[\w.]*\s+){0,2}(?:senators|congressmen|lawmakers|legislators|parliamentarians|ambassadors)"
    r"(?:\s+of\s+(?:the\s+)?(?-i:[A-Z])[\w.]*)?"
    r"|diplomatic\s+advis[eo]rs", re.IGNORECASE)  # "Diplomatic advisers exchanged views" (labels_ukraine_dev14e.yaml)
#: A named subject followed by its title in apposition: "Mykhailo Podolyak, Adviser to the Head of the Office of the
#: President of Ukraine," (labels_ukraine_dev18c.yaml): the name is the subject, not the office named in the title.
APPOSITION = re.compile(r"(?P<head>[^,]{3,60}),\s+(?:the\s+)?[A-Z](?:(?!\band\b)[^,])*,?")
#: A pronoun subject; the object forms stand in "According to her, ...".
PRONOUN = re.compile(r"(?P<p>he|she|him|her)", re.IGNORECASE)
#: Two offices joined: "The Secretary and Foreign Minister", "The President-elect and Deputy Secretary", "The Secretary and
#: interim Prime Minister", "The Deputy Secretary and Secretary of Foreign Affairs", "The Deputy Secretary, Minister, and Vice
#: Minister" (labels_state_dev13e.yaml).
_OFFICE_NOUN = r"(?:President|Secretary|Minister|Chancellor|Premier|Director|Advisor|Adviser|Assistant|Councilor|Leader)s?(?:-elect)?"
_OFFICE = rf"(?:the\s+)?(?:(?:[A-Z][\w.-]*|interim|acting)\s+){{0,4}}?{_OFFICE_NOUN}"
TITLE_PAIR = re.compile(rf"(?:[Tt]he|[Hh]is|[Hh]er)\s+(?:(?:[A-Z][\w.-]*|interim|acting)\s+){{0,4}}?{_OFFICE_NOUN}"
                        rf"(?:,\s+{_OFFICE})*,?\s+and\s+{_OFFICE}"  # "The Deputy Secretary, Minister, and Vice Minister"
                        # "... Special Assistant to the Prime Minister"
                        r"(?:\s+(?:of|to)\s+(?:the\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3})?")
#: Agenda and passive sentences of a two-party readout: both sides' ("X was discussed", "The key topic was ...").
AGENDA = re.compile(
    # Kyiv: "... was highly praised", "... was positively noted", "an agreement was reached on ..."
    # (labels_ukraine_dev14*.yaml, _dev16.yaml)
    r"\b(?:was|were|has been|have been|had been)\s+(?:also\s+|thoroughly\s+|briefly\s+|separately\s+|highly\s+|positively\s+)?"
    r"(?:discussed|considered|addressed|raised|paid|given|touched upon|touched on|emphasi[sz]ed|stressed|noted|reaffirmed|"
    r"reiterated|highlighted|exchanged|agreed|reviewed|focused|confirmed|expressed|welcomed|underlined|continued|praised|reached|"
    r"reviewed in detail|examined|coordinated|identified|outlined|determined|defined|summed up)\b"
    r"|^(?:An?|The)\s+(?:[\w-]+\s+){0,3}(?:exchange|discussion)\s+(?:of|on|about)\b[^.;]{0,200}?\b(?:took place|was held)\b"
    # Kyiv: "There was also a substantive exchange of views on Ukraine's European integration." (labels_ukraine_dev16b.yaml)
    r"|^There\s+(?:was|were)\s+(?:also\s+)?(?:an?\s+)?(?:[\w-]+\s+){0,2}(?:exchange|discussion|conversation)s?\b"
    # "An important topic raised by the speakers was ..." (labels_ukraine_dev18c.yaml)
    r"|^(?:The|An?|the|an?)\s+(?:\w+\s+)?(?:topic|topics|issue|issues|focus|subject|subjects)\s+"
    r"(?:(?:raised|discussed)\s+by\s+[^,.;]{1,40}?\s+)?(?:of|on|was|were|included)\b"
    # "The agenda of the meeting with Foreign Minister Jan Lipavský included ..." (labels_ukraine_dev18d.yaml)
    r"|^(?:The|Their)\s+(?:\w+\s+)?agenda(?:\s+of\s+the\s+(?:meeting|talks|conversation)\b[^,;]{0,100}?)?\s+"
    r"(?:included|covered|comprised|featured)\b"
    r"|^(?:the|particular|special)\s+(?:\w+\s+)?emphasis\s+was\s+(?:on|placed|put)\b"  # Kremlin: "Regarding Libya, the emphasis was on ..."
    r"|^(?:Particular\s+|Special\s+)?Emphasis\s+was\s+(?:on|placed|put)\b"  # Kyiv: "Emphasis was placed on the importance of ..."
    r"|^(?:Another|One other|A further)\s+(?:\w+\s+)?(?:issue|topic|subject|item)\b"
    # Kyiv: "Within the meeting of the heads of state, the joint declaration of ... was signed."
    r"|\bthe\s+(?:[\w-]+\s+){0,3}(?:declaration|agreement|memorandum|statement|treaty|protocol|roadmap)s?\b[^,;]{0,150}?"
    r"\b(?:was|were|has been|have been)\s+signed\b"
    r"|^(?:An?|The|Special|Particular|Main|Much|Close)\s+(?:\w+\s+)?(?:focus|emphasis|attention)\b[^.;]{0,60}?\b(?:was|were)\s+(?:made|placed|put)\s+on\b"
    r"|^Among the\s+(?:\w+\s+)?(?:issues|topics|subjects)\s+(?:discussed\s+)?(?:are|were)\b"
    r"|^(?:The|Their)\s+(?:discussion|exchange of views|exchange of opinions)\s+(?:of|on|about)\b[^.;]{0,160}?\bcontinued\b"
    r"|\b(?:issue|issues|topic|topics|item|items)\s+on the agenda\b"
    r"|^(?:The|Their)\s+(?:\w+\s+)?(?:conversation|talks|discussion|meeting|call|exchange|dialogue)\s+(?:also\s+)?"
    r"(?:focused|centred|centered|concentrated|covered|touched|dealt|addressed|included|emphasi[sz]ed|underscored|highlighted|"
    r"explored|reviewed|reached)\b"
    r"|\b(?:included|held|had)\s+an?\s+(?:\w+\s+)?exchange of (?:views|opinions)\b",
    re.IGNORECASE)
#: Scheduling and other narration that reports nobody ("Negotiations are also to be held at the OSCE on January 13").
SCHEDULE = re.compile(r"\b(?:is|are|will be)\s+(?:also\s+)?(?:to be|scheduled to be|expected to be|due to be)\s+(?:held|continued)\b",
                       re.IGNORECASE)
#: A quotation closed and attributed at the end of a sentence: '"...," said X.', '"...," the President said.'
_QUOTE_VERBS = (r"said|says|added|adds|noted|stressed|emphasi[sz]ed|continued|explained|underlined|stated|addressed|told|wrote|"
                r"declared|assured|concluded|summed up|summari[sz]ed|recalled|remarked|insisted|urged|asked|"
                r"is convinced|is sure|is confident|believes")  # Kyiv: '..., to live democratically," the President is convinced.'
#: A subject's character: no clause punctuation, but the full stop of an initial ("said George W. Bush", "U.S.").
_SUBJECT_CHAR = r"(?:[^.,;:\"“”]|(?<=[\s.][A-Z])\.)"
_TAIL = (rf"(?:(?P<v1>{_QUOTE_VERBS})\s+"
         rf"(?P<s1>{_SUBJECT_CHAR}{{2,80}}?)|(?P<s2>{_SUBJECT_CHAR}{{2,80}}?)\s+(?P<v2>"
         rf"{_QUOTE_VERBS})(?:\s+(?:the\s+)?[a-z][\w’'-]*(?:\s+[a-z][\w’'-]*)?)?)"  # '..., the Head of State addressed the guests.'
         r"(?:(?:,\s*|\s+(?:during|at|after|in|while|when|on)\s+)[^\"“”]{0,200})?\s*\.?\s*$")
QUOTE_TAIL = re.compile(rf"[\"”]\s*,?\s*{_TAIL}")
#: The attribution of a quotation split off as a sentence of its own: '... We appreciate it!" / the President emphasized.'
QUOTE_TAIL_ALONE = re.compile(rf"^\s*(?=[a-z]){_TAIL}")
#: The first past-tense verb of a sentence ("... and the Prime Minister of the United Kingdom identified key tasks").
PAST = re.compile(r"\s+(?:also\s+)?(?:have\s+|has\s+)?[a-z][a-z-]+ed\b")
VERBISH = re.compile(r"\s+(?:also\s+|then\s+|further\s+|once again\s+|again\s+)?(?:[a-z][a-z-]+(?:ed|s)|gave|made|took|sent|told|"
                      r"spoke|drew|brought|paid|led|wrote|saw|found|felt|thought|came|put|set)\b")
#: A joint subject opening a sentence whose verb the reporting verbs lack ("The parties also continued to work out ...",
#: "They also advanced ..." after the Secretary's sentence: labels_state_dev10.yaml).
JOINT_OPENING = re.compile(r"(?:(?:[Tt]he|[Bb]oth)\s+(?:two\s+|[A-Z]\w+\s+and\s+[A-Z]\w+\s+)?"
                           r"(?:parties|leaders|presidents|interlocutors|sides|heads of state|group)|They)(?=\s)")  # "the Ukrainian and American sides"
#: An impersonal passive of a stance verb ("It was emphasised that ..."): in a paragraph of the issuer's own
#: principal, the Kremlin's way of going on with his account.
IMPERSONAL = re.compile(r"it(?:\s+(?:was|has been|had been))?(?:\s+also)?", re.IGNORECASE)
IMPERSONAL_STANCE = frozenset({"emphasize", "stress", "note", "point out", "underline", "underscore", "recall", "explain"})
#: A charge only one side makes ("the main threat is posed by neo-Nazi military units", "the Ukrainian authorities are
#: purposefully aggravating ...", "Russophobia"; labels_kremlin_dev10b.yaml news/67352, 68348): the passive is that side's.
PARTISAN = re.compile(r"\b(?:neo-?Nazis?|Nazi|genocide|Kiev regime|Kiev's|Russophob\w*|Russian-speaking)\b"
                      # "that Kiev is only imitating ...", "the need for Kiev to end ..."
                      r"|\bKiev\s+(?:is|was|has|continues|refuses|authorities|to)\b"
                      r"|\bUkrainian\s+(?:authorities|forces|armed forces|nationalists?|security (?:forces|services|agencies))\b"
                      r"|\bthreats?\s+to\s+Russia's\s+security\b", re.IGNORECASE)
#: A fragment that only finishes the sentence before it ("Although both ... have publicly stated ...",
#: "In particular, for five packages of defense aid, ..."): the previous sentence's speaker's, in every house style.
FRAGMENT = re.compile(r"\s*(?:(?:Although|Though|Even though|Whereas)\b[^,;]*$|(?:In particular|Especially|Notably),\s+(?:for|to|about|with)\b)")
#: What will happen next, with no one's words: "The President of Russia and the Chancellor of Germany will continue
#: their contacts.", "The issue of reconstruction will be discussed in more detail at a conference in Lugano ...".
FUTURE = re.compile(r"^[^\"“,;]{0,160}?\bwill\s+(?:(?:continue|maintain|keep)\s+(?:their\s+|the\s+|in\s+)?(?:\w+\s+)?"
                    r"(?:contacts?|cooperating|cooperation|touch|communication|consultations)\b|be\s+discussed\s+(?:in\s+(?:more\s+)?detail\s+)?at\b)",
                    re.IGNORECASE)
#: Background told with the principal as subject: "The President of Russia earlier sent Mr Nazarbayev a message ...",
#: "The United States recently announced a donation ..." (State).
EARLIER_ACT = re.compile(r"^[^,;]{0,80}?\b(?:earlier|previously|recently)\s+(?:sent|addressed|signed|had sent|announced)\b", re.IGNORECASE)
#: "According to him, during the conversation the parties touched upon ...": the main clause's joint subject.
#: Also "According to him, during the meeting they discussed ..." (labels_ukraine_dev12d.yaml).
JOINT_AFTER = re.compile(r"(?:(?:during|at|in)\s+[^,]{0,80}?(?:,\s*|\s+(?=the\s|they\s)))?"
                         r"(?:the\s+(?:two\s+)?(?:parties|leaders|interlocutors|sides|presidents|heads of state)\s+"
                         r"(?:also\s+)?[a-z]+(?:ed|ok)|they\s+(?:also\s+)?(?:discussed|agreed|exchanged|considered|talked|spoke))\b",
                         re.IGNORECASE)
FIRST_PERSON = re.compile(r"(?:we|i|our side|our country)", re.IGNORECASE)
ROLE = re.compile(
    r"(?<![\w-])(?:[Tt]he|[Hh]is|[Hh]er)\s+(?:\d+(?:st|nd|rd|th)\s+)?(?:(?P<q>U\.S\.|PRC|[A-Z]{2,5}|[A-Z][a-z]+)\s+)?"
    r"(?P<role>Vice President|President|Secretary of State|Secretary-General|Secretary General|Deputy Secretary|Secretary|"
    r"National Security Advisor|National Security Adviser|Vice Premier|Premier|Deputy Prime Minister|Prime Minister|"
    r"Federal Chancellor|Chancellor|King|Queen|Crown Prince|Emir|Amir|Sultan|Taoiseach|[Ff]oreign [Mm]inister|"
    r"[Mm]inister of [Ss]tate|Minister|Director|State Councilor|Chairman|[Aa]mbassador|(?:Defen[cs]e |Military )?Attach[ée]|"
    r"Governor|Majesty|Royal Highness|Highness|(?i:head of state)|Head of the (?P<q3>[A-Z][a-z]+) state|"
    r"Head of the (?P<q4>[A-Z][a-z]+) [Gg]overnment|"
    r"[Dd]eputy [Hh]ead of the Office of the President|"  # "The deputy head of the ..." (labels_ukraine_dev14f.yaml)
    r"Deputy Head of the President[’']s Office|"
    r"Adviser to the Head of the Office of the President|Adviser to the Head of the President[’']s Office|"
    # in lower case too: "the head of the President's Office said" (labels_ukraine_dev18c.yaml)
    r"[Hh]ead of the Office of the President|[Hh]ead of the President[’']s Office|leader|Chief of Staff|Managing Director|"
    r"Director General|Director-General|High Representative|Speaker)"
    r"(?:\s+of\s+(?:the\s+)?(?P<q2>[A-Z][\w.]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w.]*){0,4}))?"  # "of the Republic of Turkey"
    r"(?![\w-])(?!\s+(?:of\s+(?:the\s+)?)?[A-Z])")
SIDE = re.compile(r"(?<![\w-])[Tt]he\s+(?P<q>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)\s+(?:side|delegation|team|government|diplomat)(?![\w-])")
#: A side's armed forces as the subject of its stance ("As before, the Russian military is ready to ...").
MILITARY = re.compile(r"(?<![\w-])[Tt]he\s+(?P<q>[A-Z][\w.]*)\s+military(?![\w-])")
#: A verb of state or modality after a side's subject ("the Russian military is ready", "the Ukrainian side will provide",
#: "Jamaica stands with people around the world").
LEAD_VERB = re.compile(r"\s+(?:also\s+|again\s+|further\s+|still\s+)?(?:(?:is|are|remains|stand|stands)\s+(?:also\s+|still\s+)?ready\b|"
                       r"(?:will|would)\s+(?!be\b)|should\b|must\b|can\b|could\b|stands?\s+(?:firmly\s+)?(?:with|by)\b)")  # not "The Ukrainian delegation will be headed by"
NARRATION = re.compile(
    r"(?:This|The|Today’s|Today's|That)\s+(?:\w+\s+){0,2}(?:meeting|call|visit|discussion|conversation|engagement|"
    r"trip|dialogue|session|talks|readout|event|summit|travel|roundtable|exchange)s?\b"
    r"|This (?:is|was|marks|marked) (?:the|their|his|her) (?:first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth|tenth|\d+\w*|latest|last)\b", re.IGNORECASE)
WELCOME_TO = re.compile(r"\s+[^,.;]{0,80}?\bto\s+(?:the\s+)?(?:White House|Washington|Oval Office|Camp David|Beijing|Zhongnanhai)")
#: What may stand between joined subjects: "and", commas, and titles ("and Prime Ministers Marin and").
#: "and interim Prime Minister Dabaiba": lower-case words of an office's tenure may stand there too.
CONNECTOR = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s+)?(?:(?:[A-Z][\w.’'-]*|of|the|interim|acting|caretaker|outgoing|"
                       r"incoming|newly elected|newly appointed)\s+)*?(?:and\s+)?")
#: Role nouns that name an office held on the issuing side.
OFFICES = {"president": "president", "vice president": "vice president", "secretary": "secretary of state",
            "secretary of state": "secretary of state", "national security advisor": "national security advisor",
            "national security adviser": "national security advisor", "premier": "premier",
            "vice premier": "vice premier", "director": "director", "state councilor": "state councilor",
            "foreign minister": "foreign minister", "minister": "foreign minister",
            "deputy secretary": "deputy secretary of state", "prime minister": "prime minister",
            "chancellor": "chancellor", "federal chancellor": "chancellor", "deputy prime minister": "deputy prime minister",
            "head of the office of the president": "head of the presidential office",
            "head of the president's office": "head of the presidential office",
            "head of the president’s office": "head of the presidential office"}
#: (No office for "the Adviser to the Head of the President's Office": several held the title at once, so the ROLE
#: alternative only keeps its "Head of ..." from being read as Andriy Yermak; the adviser is whoever the text titled so.)
#: Where a second reporting clause may begin: "..., while Joseph Biden stressed ...", "...; the Secretary noted ...".
SECOND_CLAUSE = re.compile(r"(?:,\s*(?:while|whereas|whilst|and|but)|;\s*(?:and\s+|while\s+|whereas\s+)?|\s+(?:while|whereas|whilst))\s+")
#: The organisation after a role noun: " of the Congress of Local and Regional Authorities of the Council of Europe".
OF_ORGANISATION = re.compile(r"\s+of\s+(?:the\s+)?[A-Z][\w’'.-]*(?:\s+(?:of|and|the|for|on|[A-Z][\w’'.-]*))*\s*")
#: The rest of an office's organisation after a role's "of the ...": "[The Secretary of the National Security] and Defense
#: Council" (a Kyiv briefing: the Secretary alone, not two persons).
#: Also "[The Secretary General of the Congress of Local] and Regional Authorities of the Council of Europe"
#: (labels_ukraine_dev17c.yaml).
_ORGANISATION_NOUN = (r"(?:Council|Committee|Commission|Service|Agency|Office|Ministry|Assembly|Court|Fund|Bank|Organi[sz]ation|"
                      r"Authorities)\b")
ORGANISATION_TAIL = re.compile(rf"\s+and\s+(?:[A-Z][\w’'.-]*\s+){{0,3}}{_ORGANISATION_NOUN}"
                               r"(?:\s+of\s+(?:the\s+)?[A-Z][\w’'.-]*(?:\s+(?:of|the|[A-Z][\w’'.-]*))*)?\s*")
#: A principal joined to others of his counterpart's side: "The Head of State and the chairs of the Irish Parliament".
AND_OTHERS = re.compile(r"(?:the|his|her|their)\s+(?:[\w’'-]+\s+){0,2}?(?:chairs|heads|speakers|members|representatives|"
                        r"delegations?|colleagues|counterparts|team|officials|ministers)\b.*", re.IGNORECASE)
#: "X, together with Y, called for ...": a joint subject.
TOGETHER = re.compile(r",\s*(?:together|jointly|along)\s+with\s+[^,]+,?\s*$")
#: A second person after a named one, unknown to the gazetteer: " and Marija Pejčinović Burić" (not an office's " and Defense
#: Council").
AND_NAME = re.compile(rf"\s+and\s+(?:(?:[Hh]is|[Hh]er|the)\s+)?(?!(?:[A-Z][\w’'.-]*\s+){{0,3}}{_ORGANISATION_NOUN})"
                      r"(?:[A-Z][\w’'.-]*\s*){1,4}"
                      r"(?:(?:delegation|side|team|representatives|counterparts|colleagues)\s*)?")
#: Offices whose holder is his side's head of state or government ("the Head of State", "the Russian leader").
HEAD_OFFICES = frozenset({"president", "king", "queen", "emir", "amir", "sultan", "prime minister", "chancellor",
                           "federal chancellor", "crown prince", "pope", "taoiseach", "premier"})


def titled_as(title: str | None, low: str) -> bool:
    """Whether a mention's title answers the role noun ``low``: its head ("Secretary General" of "Secretary
    General of the Congress ...") ends with it, or the whole title is it."""
    t = office_words(title or "").split(" and ")[-1]  # the full style of an ambassador made "ambassador" first
    return t == low or t.split(" of ")[0].endswith(low) or (" of " in low and t.startswith(low))


def office_words(title: str) -> str:
    """A title in lower case, Kyiv's two word orders made one ("Head of the President's Office")."""
    low = re.sub(r"\bthe president[’']s office\b", "the office of the president", title.lower())
    return low.replace("ambassador extraordinary and plenipotentiary", "ambassador")  # Kyiv's full style of an ambassador


#: Role nouns that name a side's principal whatever his office ("the Head of State", "the Russian leader").
PRINCIPAL_ROLES = frozenset({"head of state", "leader"})


def quote_state(sentence: str, inside: bool) -> bool:
    """Whether a quotation is open after ``sentence``, given whether one was open before it."""
    for ch in sentence:
        if ch == "\u201c":
            inside = True
        elif ch == "\u201d":
            inside = False
        elif ch == '"':
            inside = not inside
    return inside


#: What follows an event verb that is no event: "efforts to meet the criteria for EU membership".
NOT_AN_EVENT = re.compile(r"\s+(?:the\s+|its\s+|their\s+)?(?:\w+\s+)?(?:criteria|requirements|needs|conditions|demands|"
                          r"expectations|standards|obligations|targets|goals|challenges?)\b")
#: A signing told as ceremony: "During the meeting, Volodymyr Zelenskyy and Andrej Plenković signed a joint Declaration ..."
#: (labels_ukraine_dev8.yaml; a document "was signed" in the passive is an agenda item, both sides').
SIGNING = re.compile(r"^[^,;\"“]{0,160}?(?<!was )(?<!were )(?<!been )\bsigned\s+(?:a|an|the)\s")
#: The close of a visit told as ceremony: "At the end of the meeting, the President of Ukraine presented ... to ...".
CEREMONY = re.compile(r"^\s*At the end of (?:the|his|her|their|this) (?:meeting|visit|talks|conversation),[^.]*?"
                      r"\b(?:presented|handed|gave|awarded|planted|laid)\b")
#: What the main clause after "According to X," reports when it is an agenda item or an outcome of the talks, not X's
#: own stance ("According to the Head of State, ... the issue of ... was discussed", "..., an agreement was reached").
AGENDA_OUTCOME = re.compile(r"\b(?:was|were|has been|have been)\s+(?:also\s+|thoroughly\s+|separately\s+|briefly\s+)?"
                            r"(?:discussed|considered|addressed|raised|touched upon|touched on|reviewed|reached|initiated|"
                            r"agreed|signed|paid)\b")
#: Openings of that main clause to skip before an agenda subject: "during the meeting with X, in particular, ".
AGENDA_LEAD = re.compile(r"^(?:(?:during|at|in|among|also|today|in particular)\b[^,]{0,120},\s*)+", re.IGNORECASE)
#: An opening that puts the issuer's official on a visit abroad: "Deputy Head of the Office of the President of Ukraine
#: Ihor Zhovkva is on a working visit to the Czech Republic scheduled for May 16-18." (labels_ukraine_dev18d.yaml).
WORKING_VISIT = re.compile(r"\b(?:is|was|are|were)\s+on\s+an?\s+(?:working|official|state)\s+visit\s+to\b")
#: The talks themselves as subject, their two parties named: "The conversation between the Deputy Head of the President's
#: Office and Secretary of State for European Affairs Tiago Antunes focused on ..." is both sides' (labels_ukraine_dev16.yaml).
BETWEEN_PARTIES = re.compile(r"^The\s+(?:conversation|meeting|talks|discussion|negotiations)\s+between\s")
#: A request made to the subject, the other party's words: "The President of France was again asked to be more active ...".
PASSIVE_REQUEST = re.compile(r"^(?P<s>[^,;\"“]{2,80}?)\s+(?:was|were)\s+(?:also\s+|again\s+|once again\s+)?"
                             r"(?:asked|urged|requested|called upon|called on|encouraged)\s+to\b")
#: Whose initiative an agenda item was: "The situation in Mali was reviewed at Emmanuel Macron's initiative." (What is
#: reviewed "at the request of" a leader stays joint: the Kremlin's account of 2021-12-10 with the Federal Chancellor.)
INITIATIVE = re.compile(r"\s(?:at|on)\s+(?:the\s+)?(?P<s>[^,;:]{2,60}?)[’']s\s+(?:initiative|suggestion|proposal)\b"
                        r"|\s(?:at|on)\s+the\s+(?:initiative|suggestion|proposal)\s+of\s+(?P<s2>[^,;:]{2,60}?)\s*(?=[,.;]|$)")
#: A relative clause inside a subject: "the President of the European Council who visited the Odesa seaport where ...".
RELATIVE = re.compile(r",?\s+(?:who|whose)\s")
#: A verb that is a relative clause's, not the sentence's: "... the European Council who visited ...".
RELATIVE_END = re.compile(r"\swho\s+(?:also\s+|had\s+|has\s+|earlier\s+)?$"
                          # and a noun: "The exchange of visits was agreed ...", "the importance of organizing official visits of
                          # the Prime Minister ... was noted" (labels_ukraine_dev16f.yaml 71745)
                          r"|\b(?:of|the|an?|mutual|their|official|reciprocal)\s+$")
#: Free indirect speech in a house style whose subjectless sentences are otherwise its own commentary (Kyiv): the
#: sentence argues or commits ("But our state is fighting back", "As a result, it could lead to ...", "It is necessary
#: to ..."), so it goes on with the principal whose account the sentence before it gave (outside quotations).
FREE_INDIRECT = re.compile(
    r"^\s*(?:But|After all|As a result|That is why|This is why|Therefore|Otherwise|Because|Accordingly|At the same time)\b"
    r"|\b(?:must|should|ought to|needs? to|necessary|could|cannot|can not|will not)\b|\b(?:is|are)\s+(?:also\s+)?ready to\b"
    r"|\b(?:we|us)\b|\b(?:aggressor|occupiers|invaders)\b", re.IGNORECASE)
#: A transcript's turn label: "President of Russia Vladimir Putin: Mr Federal Chancellor, ...", "Veronika Ichetkina: I ...".
#: An unnamed turn ("Question:", "Remark(retranslated):") is a turn of no principal's (narrator).
TURN = re.compile(r"\s*(?P<s>[A-Z][^:.,;!?()\"“”\n]{1,90}?)\s*(?:\([^()\n]{1,30}\))?:\s+(?=\S)")
UNNAMED_TURN = re.compile(r"(?:Question|Questions|Remark|Reply|Response|Answer|Journalist|Moderator|Host|Audience|Voice|Participant)s?")
#: "At the same time," before a country subject ("At the same time, Croatia will also continue to support ...").
AT_THE_SAME_TIME = re.compile(r"At the same time,\s*")
#: A sentence that opens a quotation.
OPENS_QUOTE = re.compile(r"\s*[\"“]")
#: The event told in the event sentence without an event verb: "X called Kenyan President Y today to discuss ...",
#: "After the CSTO summit, X and Y had a brief conversation."
EVENT_PHRASE = re.compile(r"\b(?:called|phoned|telephoned)\s+(?:the\s+)?[A-Z]|\b(?:had|held)\s+an?\s+(?:\w+\s+){0,2}?"
                          r"(?:conversation|talk|talks|call|meeting|exchange)\b")
