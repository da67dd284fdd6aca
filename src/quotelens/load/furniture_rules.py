"""Page furniture rules as data: the patterns `quotelens.load.boilerplate` marks in an article's
text (headline and dateline repeats, bylines, "Published ..." lines, tags, related-story blocks,
captions and credits, share widgets, copyright footers). Reads and writes nothing.

Each rule says where it applies, what it matches and where it was seen: an FA-KES outlet and
article id (ids outside the news gold, data/gold/news), a GUM Wikinews dev document, or "generic
web news convention" for furniture that English news sites print whatever the outlet. The
patterns are Python regular expressions; ``<<NAME>>`` stands for the fragment ``FRAGMENTS[NAME]``
(dates, agencies, names), substituted once when the rules are compiled.

Where a rule applies (``where``):

- ``head``: at the top of the body, matched again and again while furniture follows furniture
  ("Published 5 June 2016", then the headline, then "BEIRUT (AFP) -"). ``head_after`` rules
  only match after an earlier head item: an all-caps word or an agency name is a dateline there,
  but can open a real sentence at offset 0.
- ``tail``: at the end of the body, peeled off one piece at a time from the end (the copyright
  footer, then the share widget, then "Tags ...", then the credit line). Tail patterns must
  match up to the current end, so they exclude sentence punctuation where a real sentence could
  otherwise be swallowed.
- ``line``: a whole line of a text that has line breaks (captions "... Image: X.", "Advertisement",
  "Tags: a, b"). FA-KES has no line breaks, so these never apply there.
- ``inline``: anywhere in the body, only for markers that cannot be prose ("Get short URL",
  "(AFP Photo)", "pic.twitter.com/...", "Tags" followed by a keyword list).

``extend`` names how the span grows beyond the match, for furniture whose end or start a
regular expression cannot see (FA-KES lost its punctuation): ``caption_before`` takes the
sentence before a photo credit, ``tag_list`` the keywords after "Tags" up to where the body's
first sentence starts, ``title_case_run`` a Title Case headline after "READ MORE",
``starter_run`` a sentence-case headline list up to the body's first sentence, ``tweet`` the
tweet an embed link ends. Named groups ``(?P<kind>...)`` split one match into spans of those
kinds (a caption line's caption and its credit).
"""

from __future__ import annotations

from typing import NamedTuple

#: Kinds of furniture, with what each covers.
KINDS = {
    "headline_repeat": "the title (or a near copy) repeated at the top of the body",
    "summary_repeat": "a teaser paragraph that the body then repeats word for word",
    "dateline": "a date, time or place+agency line opening the story",
    "published_line": "Published / Updated / Posted on / Date of publication / Last Update + date",
    "byline": "who wrote it: 'by NAME', a name line after the headline or at the very end",
    "label": "a section or format label (Video, Middle East) among the header items",
    "header": "header leftovers before a marker that only page headers carry (Get short URL)",
    "short_url": "'Get short URL' and its share counters",
    "share_line": "share, print, follow, subscribe and comment widgets, view counters",
    "tags": "Tags / Topics / Categories keyword lists",
    "related_block": "READ MORE, Related, Read Also: links to other stories",
    "caption": "a photo caption (the credit is a separate span)",
    "credit": "photo, image and story credits: (AFP), Image: X., Source: AA, --Reuters",
    "embed": "an embedded tweet",
    "note": "editorial notes: standards, translation notes, publisher self-description",
    "copyright": "copyright lines and the site footer that follows them",
    "heading": "a short section heading line (Background, Interview)",
}


class Rule(NamedTuple):
    """One furniture pattern. `where`: head, head_after, tail, line or inline (module docstring);
    `extend`: "" or the name of a span extension; `observed`: where the pattern was seen;
    `outlets`: if not empty, the rule applies only to articles whose source contains one of
    these (lowercase letters only, compared with the source lowercased and without non-letters);
    `reach`: for tail rules, how many characters before the current end a match may start."""

    name: str
    kind: str
    where: str
    pattern: str
    observed: str
    extend: str = ""
    ignore_case: bool = False
    outlets: tuple[str, ...] = ()
    reach: int = 400


# A capitalised word, or an Arabic or European name particle joined by a hyphen (al-Freih).
# Lengths are bounded so that no pattern backtracks over a long run of letters.
_NAME_WORD = r"(?:[A-Z][\w'’.-]{0,30}|(?:al|el|as|ad|ash|bin|ibn|abu|de|van|von)-[A-Za-z][\w'’.-]{0,30})"
#: Reusable pieces of the patterns, substituted for <<NAME>>.
FRAGMENTS = {
    "WEEKDAY": r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.?",
    "MONTH": (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
              r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"),
    # Day-month-year, month-day-year (FA-KES dropped the commas, and Jordan Times glues day and
    # year: "Apr 232017"), and numeric forms (Sputnik 24.08.2013, Al-Manar 25-01-2016).
    "DATE": (r"(?:(?:<<WEEKDAY>>,?\s+)?(?:(?:[0-2]?\d|3[01])(?:st|nd|rd|th)?\s+<<MONTH>>,?\s*(?:19|20)\d\d"
             r"|<<MONTH>>\s+(?:[0-2]?\d|3[01])(?:st|nd|rd|th)?,?\s*(?:19|20)\d\d)"
             r"|\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)(?!\d)"),
    # A clock time after a date: 10:59, at 1459, 102138 (Al-Alam's hhmmss), 4:30 pm GMT. Without a
    # separator it needs four or six digits ("200" after a date opens Al-Alam's headline "200 ...").
    "CLOCK": (r"(?:at\s+)?(?:(?:[01]?\d|2[0-3])[:.h][0-5]\d(?:[:.][0-5]\d)?|(?:[01]\d|2[0-3])[0-5]\d(?:[0-5]\d)?)"
              r"(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+(?:GMT|UTC|[A-Z]{2,4}T))?(?!\d)"),
    "TIME": r"(?:,?\s+<<CLOCK>>)",
    # News agencies that appear as datelines and credits. Short acronyms are matched case-sensitively.
    "AGENCY": (r"(?:Reuters|REUTERS|AFP|Agence France[- ]Presse|AP|Associated Press|SANA|AA|Anadolu(?: Agency)?"
               r"|TASS|Sputnik|IRNA|Xinhua|dpa|DPA|UPI|EFE|ANSA|PTI|IANS|ANI|KUNA|WAM|SPA|MENA|NNA|Yonhap"
               r"|Kyodo|Bernama|Interfax|RIA Novosti|FNA|Fars|Tasnim|Press TV|TRT ?World|Al-Manar|Al Manar)"),
    "NAME_WORD": _NAME_WORD,
    # One to four capitalised words: a person, a place.
    "NAME": rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}",
    # The end of a sentence just before (lookbehind): tail items follow a finished sentence.
    # Not after a one-letter abbreviation: "members of the U.N. Security Council" goes on.
    "AFTER_SENTENCE": r"(?:(?<=[.!?])(?<!\b[A-Z]\.)|(?<=[.!?][\"”’)])|\A)",
}

#: Well-known acronyms that open real sentences: never an all-caps place dateline.
NOT_PLACES = frozenset("""
ISIS ISIL DAESH NATO SANA OPCW UNICEF UNHCR UNSC WHO MSF SOHR SDF YPG PYD PKK FSA HNC HTS NDF
USA UAE UK US UN EU ICRC WFP OCHA IAEA CIA FBI NASA AFP BBC CNN TRT IDF KSA GCC OPEC RIA TASS
""".split())

#: Capitalised words that open the body's first sentence in FA-KES after a keyword list or a
#: related-story list (quantities, determiners, number words): the list ends before them.
SENTENCE_STARTERS = frozenset("""
The A An At More Some Several Dozens Hundreds Thousands Scores Nearly Almost Over About Around
Up One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen Fourteen Fifteen
Sixteen Seventeen Eighteen Nineteen Twenty Thirty Forty Fifty Sixty Seventy Eighty Ninety
In On After Since While Following Despite
""".split())
#: Lowercase words that show a clause has begun (verbs, prepositions, determiners): the words
#: before them in a keyword list are the subject of the body's first sentence.
CLAUSE_WORDS = frozenset("""
was were is are has have had been be said says say told added reported on in at to a an by
with from after when as that which who its their his her this these those into during against
""".split())
#: Words of reported speech: a sentence holding one is a statement, not a caption, even when a
#: photo credit follows it (TRT 1919191752 "He added that ... (TRT World and Agencies)").
REPORTING_WORDS = frozenset("""
said says say told tells added adds according reported reports reportedly stated states announced
confirmed claimed warned urged stressed noted explained accused denied insisted described called
""".split())
#: Small words allowed inside a Title Case headline ("Fleeing in Syria", "Talks to End War").
TITLE_SMALL_WORDS = frozenset("a an the of in on at to for and or by with from as vs after over into amid near up out off per".split())

RULES: tuple[Rule, ...] = (
    # ---- head: dates, publication lines, bylines, agency datelines ----------------------------
    Rule("published_date", "published_line", "head",
         r"(?:Published|Updated|Last [Uu]pdated?|Posted|First published|Date of publication|Publication date"
         r"|Modified)(?:\s+on|\s+at|:)?\s*<<DATE>><<TIME>>?",
         "Daily Sabah 'Published February 18 2015'; Jordan Times 'Last updated at Apr 232017'; "
         "Asharq Al-Awsat 'Posted on April 19 2017'; Al-Araby 'Date of publication 5 June 2016'"),
    Rule("published_time", "published_line", "head",
         r"(?:Published|Updated|Last [Uu]pdated?|Posted)(?:\s+on|\s+at|:)?\s*(?:[01]?\d|2[0-3])[:.]\d\d"
         r"(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+(?:GMT|UTC|[A-Z]{2,4}T))?",
         "generic web news convention ('Updated 12:30 GMT')"),
    Rule("date", "dateline", "head", r"<<DATE>>",
         "nearly every FA-KES outlet ('Wed 05 Apr 2017' NNA 1914947530, '29 Jul 2016' TRT "
         "1924058081, '24.08.2013' Sputnik); GUM dev ('Saturday, September 12, 2015', GUM_news_crane)"),
    Rule("updated_paren", "published_line", "head_after", r"\(updated[^()\n]{0,40}\)",
         "Sputnik '18.05.2017(updated 2204 18.05.2017)'"),
    Rule("byline_by", "byline", "head_after", r"[Bb]y\s+<<NAME>>(?:\s+<<NAME>>)?(?:\s+and\s+<<NAME>>)?",
         "Asharq Al-Awsat 'Posted on August 3 2013 by Nazeer Rida'; ends where the headline starts",
         extend="byline"),
    Rule("agency_dateline", "dateline", "head",
         r"(?:<<NAME_WORD>>,?\s+){0,3}\(?<<AGENCY>>\)?\s*[-–—]+",
         "wire datelines 'BEIRUT (Reuters) -' (generic web news convention); SANA 'Aleppo SANA-' "
         "(1926478910); NNA 'Regional NNA -'"),
    Rule("place_dash", "dateline", "head",
         r"<<NAME_WORD>>(?:\s+<<NAME_WORD>>){0,2}(?:,\s*<<NAME_WORD>>(?:\s+<<NAME_WORD>>)?)?\s*[–—]\s+(?=[A-Z\"“])",
         "GUM_news_lanterns 'Taipei, Taiwan — The ...'; generic web news convention"),
    Rule("place_hyphen", "dateline", "head_after", r"[A-Z][a-z]{1,30}(?:\s+[A-Z][a-z]{1,30})?-\s+(?=[A-Z])",
         "Asharq Al-Awsat 'Beirut- Opposition ...', 'Beirut London- Warplanes ...'"),
    Rule("agency_credit", "credit", "head_after", r"\(?<<AGENCY>>\)?(?:\s+Staff\b\.?)?(?=\s+[A-Z0-9\"“])",
         "Al-Ahram 'HEADLINE AFP Wednesday 22 Jun 2016 ...'; SANA '21 November 2016 SANA Aircrafts ...'"),
    Rule("agency_before_date", "credit", "head", r"<<AGENCY>>(?=\s+<<DATE>>)",
         "Al-Ahram 'AFP Friday 22 Jul 2016 HEADLINE ...'"),
    Rule("caps_dateline", "dateline", "head_after",
         r"[A-Z][A-Z'’.-]{2,30}(?:\s+[A-Z][A-Z'’.-]{1,30}){0,2}(?:,?\s+[A-Z][a-z]{1,30})?(?:\s*[-–—:]|(?=\s+[A-Z\"“0-9]))",
         "Jordan Times 'Last updated at Nov 272017 BEIRUT An intensifying push ...', "
         "'JISREEN Syria At least ...'", extend="not_acronym"),
    Rule("short_url_header", "header", "head",
         r"(?P<header>[^\n]{0,300}?)(?P<short_url>Get short URL(?:\s+\d+)*)",
         "Sputnik: headline, agency, section and time before 'Get short URL 9832' (1965495376 ...)"),
    Rule("caps_label", "label", "head", r"(?:UPDATED|UPDATE|BREAKING(?: NEWS)?|EXCLUSIVE|LIVE|WATCH|VIDEO|ANALYSIS|OPINION):?(?=\s+[A-Z\"“])",
         "generic web news convention (labels before a headline: 'UPDATED', 'BREAKING')"),
    Rule("field_label", "label", "head", r"(?:title|headline|body|content)\s*:(?=\s*[A-Z0-9\"“])",
         "Al-Alam 'Thu Feb 5 2015 title: Terrorist Attack on Damascus ...' (1962495648): a scraper's field name"),
    Rule("section_label", "label", "head_after",
         r"(?:Video|Photos?|Gallery|Audio|Live|Watch|Breaking(?: News)?|Exclusive|Analysis|Opinion|Middle East"
         r"|World|Regional|News)(?=\s+(?:[A-Z0-9\"“]|<<DATE>>))",
         "Al-Araby 'Date of publication 7 July 2016 Video More than ...'; Sputnik 'Middle East 2159'"),
    Rule("clock", "dateline", "head_after", r"(?:[01]?\d|2[0-3]):?[0-5]\d(?=\s+<<DATE>>)",
         "Sputnik 'Middle East 1735 15.04.2017'"),
    Rule("time_after_date", "dateline", "head_after", r"<<CLOCK>>(?=\s+[A-Z0-9\"“])",
         "Etilaf 'Thursday 31 July 2014 10:59'; NNA 'Wed 01 Oct 2014 at 1459'; Al-Alam 'Fri Sep 30 2016 102138'"),
    Rule("related_list_head", "related_block", "head_after", r"Related(?=\s+[A-Z])",
         "Al-Ahram 'Print Tweet Views 1430 Related HEADLINE HEADLINE Nearly 40 Syrian soldiers ...' (1923848166)",
         extend="starter_run"),
    Rule("print_page", "share_line", "head", r"(?:Print|Email|Share) this (?:page|article|story)",
         "generic web news convention (a print widget above the date)"),
    Rule("font_size", "share_line", "head_after", r"(?:(?:Twitter|Facebook|Print|Email)\s+)*(?:[Ff]ont|[Tt]ext) size",
         "generic web news convention (text-size buttons: 'Twitter font size')"),
    Rule("name_line_after_headline", "byline", "head_after",
         r"<<NAME_WORD>>(?:\s+<<NAME_WORD>>){1,5}\.(?=\s+[A-Z\"“])",
         "Reuters (FA-KES) 'HEADLINE. Oliver Holmes Suleiman Al-Khalidi. The Islamic State ...'",
         extend="names_only"),

    # ---- inline: markers that are never prose --------------------------------------------------
    Rule("short_url", "short_url", "inline", r"Get short URL(?:\s+\d+)*",
         "Sputnik, anywhere in the first lines"),
    Rule("print_tweet_views", "share_line", "inline",
         r"Print\s+Tweet(?:\s+Views\s+\d+)?|(?:Share|Tweet|Email|Print)(?:\s+(?:on\s+)?(?:Facebook|Twitter|WhatsApp"
         r"|LinkedIn|Email|Print)){2,}",
         "Al-Ahram 'Print Tweet Views 729' (1923848164 ...); generic share bars"),
    Rule("enlarge", "share_line", "inline", r"\((?:Click|Tap) to (?:enlarge|expand)\)", "Al-Araby '(Click to enlarge)'"),
    Rule("topic_link", "related_block", "inline", r"Topic\s+[A-Z][^()\n]{2,100}\(\d+\)(?:\s+\d+)*",
         "Sputnik 'Topic Violence Erupts as Islamic State Rises (1881) 0 25'"),
    Rule("wire_dateline", "dateline", "inline",
         r"(?<![\w(])[A-Z][A-Z'’.-]{2,30}(?:\s+[A-Z][A-Z'’.-]{1,30}){0,2},?(?:\s+\(?[A-Z][a-z]+\)?)?\s+\(<<AGENCY>>\)(?:\s*[-–—]+)?",
         "Sputnik 'DAMASCUS (Sputnik) The death toll ...', 'MOSCOW (Sputnik) According to ...'",
         extend="wire_place"),
    Rule("paren_credit", "credit", "inline",
         r"\((?:<<AGENCY>>(?:\s+(?:[Pp]hoto|PHOTO|[Aa]rchive|[Ff]ile)(?:\s*/\s*[^()\n]{1,40})?)?|(?:[Pp]hoto|Image|Picture)s?:?\s+[^()\n]{1,40}"
         r"|[A-Z][\w ]{0,30} and [Aa]gencies|[Ff]ile(?: [Pp]hoto)?|[Aa]rchive|[A-Z][\w.'’ -]{1,30}/(?:<<AGENCY>>|Getty Images"
         r"|EPA|Reuters|AFP|AP))\)(?=\s*(?:[A-Z0-9\"“(]|$))",
         "TRT '(TRT World and Agencies)', '(AFP)', '(Reuters)' after a caption (1919191742 ...); Jordan Times "
         "'(AFP photo)'; Al-Ahram '(Photo AP)'; Al-Manar '(archive)'", extend="caption_before"),
    Rule("tweet_embed", "embed", "inline", r"(?:pic\.twitter\.com/?\w*|https?:?/*t\.co/?\w+)",
         "TRT '... httpst.co5rT60NqJDk pic.twitter.com0Zw6eHpmd4 The Syrian Observer (observesyria) "
         "July 27 2016' (1924058081)", extend="tweet"),
    Rule("tweet_signature", "embed", "inline",
         r"(?<![\w'’.-])(?:<<NAME_WORD>>\s+){1,4}\(@?(?=\w{0,30}[a-z0-9_])\w{3,30}\)\s+<<MONTH>>\s+\d{1,2},?\s+(?:19|20)\d\d",
         "TRT '... SOHR Tens killed and wounded ... SOHR (syriahr) October 13 2016' (1924058099): a tweet "
         "embed whose link was lost", extend="tweet"),
    Rule("tags_inline", "tags", "inline", r"(?<![\w-])Tags:?(?=\s+[A-Z])",
         "Al-Araby 'STANDFIRST. Tags Syria Free Syrian Army ... The Sawaiq ...' (1915433675 ...), also without the "
         "standfirst's full stop ('... the war-torn city Tags Syria Aleppo UN ...', 1923102906)", extend="tag_list"),
    Rule("agency_and_date", "credit", "inline", r"(?<![\w-])(?P<credit><<AGENCY>>)\s+(?P<dateline><<DATE>>)",
         "Al-Ahram 'HEADLINE STANDFIRST AFP Tuesday 6 Aug 2013 BODY' (1923848208)"),
    Rule("read_more_inline", "related_block", "inline",
         r"<<AFTER_SENTENCE>>\s*(?:READ MORE|Read [Mm]ore|Read [Aa]lso|Also [Rr]ead|RELATED|See [Aa]lso):?(?=\s+[A-Z\"“])",
         "Sputnik 'READ MORE WATCH Russian Airstrikes Send Terrorists Fleeing in Syrias Hama In a separate ...'",
         extend="title_case_run"),
    Rule("related_marker_inline", "related_block", "inline",
         r"Related (?:News|Coverage|Articles|Stories|Content|Posts)(?=\s+[A-Z])",
         "Reuters (FA-KES) 'Related Coverage HEADLINE HEADLINE Foreign Minister ...' (1926479260)",
         extend="starter_run"),
    Rule("related_list_inline", "related_block", "inline", r"<<AFTER_SENTENCE>>\s*Related(?=\s+[A-Z])",
         "Al-Ahram 'Print Tweet Views 1430 Related HEADLINE HEADLINE Nearly 40 Syrian soldiers ...'",
         extend="starter_run"),

    # ---- tail: peeled from the end ----------------------------------------------------------
    Rule("comment_widget", "share_line", "tail",
         r"(?:Community standards\s*)?Discussion\s*Comment via Facebook\s*Comment via [A-Z][\w ]{0,30}",
         "Sputnik 'Community standardsDiscussion Comment via FacebookComment via Sputnik News'"),
    Rule("copyright_footer", "copyright", "tail",
         r"(?:Copyright|\(c\)|©)[^.!?\n]{0,12}(?:19|20)\d\d[^.!?\n]{0,80}(?:\.[^.!?\n]{0,800})?",
         "TRT 'Copyright 2018 TRT World. TRT World Watch Live TV ... Cookie Policy'; generic web news convention", reach=1200),
    Rule("all_rights", "copyright", "tail", r"All [Rr]ights [Rr]eserved\.?", "generic web news convention"),
    Rule("follow_subscribe", "share_line", "tail",
         r"<<AFTER_SENTENCE>>\s*(?:A picture is worth a thousand words\.\s*)?(?:Follow us|FOLLOW|Subscribe|SUBSCRIBE"
         r"|Sign up|Never miss a story|Share this)[^\n]{0,600}",
         "TRT 'Follow us on Instagram. FOLLOW TRTWORLD ... Like Follow Follow'; Sputnik 'Never miss a story "
         "again sign up to our Telegram channel ...'", reach=700),
    # Headlines may end in "?" but a ". " followed by more text is prose: Reuters 1926479260 has
    # "Related Coverage HEADLINES" in the middle, then body sentences to the end.
    Rule("related_news_block", "related_block", "tail",
         r"(?:Related (?:News|Coverage|Articles|Stories|Content|Posts)|More from|Recommended|You may also like"
         r"|Most [Rr]ead|Latest News)\b(?:[^.!\n]|\.(?!\s)){0,3000}",
         "TRT 'Source TRTWorld and agencies Related News HEADLINES ... Category News ...' (1919191745); "
         "seed article ('Latest News' at the end)", reach=3200),
    Rule("picture_promo", "share_line", "tail", r"A picture is worth a thousand words\.",
         "TRT Instagram promotion before 'Follow us on Instagram'"),
    Rule("related_titles", "related_block", "tail", r"(?:<<AFTER_SENTENCE>>|(?<=[)\d]))\s*Related\s+[A-Z][^.!?\n]{10,1500}",
         "Sputnik '... 43 Topic X (1881) Related HEADLINE HEADLINE Tags ...' (no sentence punctuation up to the end)", reach=1600),
    Rule("topic_end", "related_block", "tail", r"Topic\s+[A-Z][^()\n]{2,100}\(\d+\)",
         "Sputnik '... 38 Topic US Missile Attack on Syrian Air Base (200) Tags ...'"),
    Rule("read_also_end", "related_block", "tail",
         r"<<AFTER_SENTENCE>>\s*(?:Read [Aa]lso|Also [Rr]ead|Also|Read [Mm]ore|READ MORE|See [Aa]lso)"
         r"|(?<![\w-])(?:Read Also|Also Read|READ MORE|Read More)",
         "Al-Araby 'Read Also' and 'Also' at the very end (cut-off link lists), 'Read Also' also after "
         "'(Click to enlarge)' (1923102890)"),
    Rule("tags_end", "tags", "tail", r"(?<![\w-])(?:Tags|TAGS|Topics|Categories):?\s[^.!?\n]{0,500}",
         "Sputnik '... 11 Tags Bashar al-Assad chemical weapons ...'; Wikinews 'Categories: ...'", reach=600),
    Rule("counters_end", "share_line", "tail", r"<<AFTER_SENTENCE>>\s*(?:\.{3}|…)?(?:\s*\d{1,6}(?:-\d{1,3})?){1,3}",
         "Al-Alam '... on this front. 12', '218-11'; Sputnik '... 0 0'"),
    Rule("initials_end", "credit", "tail", r"<<AFTER_SENTENCE>>\s*(?:[A-Z]{1,4}(?:\s*-)?\s+\d{1,6}|[A-Z]{2,6})",
         "Al-Alam '... Press TV reported. SSH 11', 'SA - 12', 'MBMB' (editor initials)"),
    Rule("last_update", "published_line", "tail",
         r"<<AFTER_SENTENCE>>\s*(?:Last [Uu]pdate[d]?|Updated|UPDATED):?\s*<<DATE>>[^.!?\n]{0,60}",
         "Al Arabiya 'Last Update: Saturday 7 October 2017 KSA 16:06 - GMT 13:06 3885'"),
    Rule("agency_list_end", "credit", "tail",
         r"<<AFTER_SENTENCE>>\s*(?:\d{1,3}\s+)?\([A-Z][\w.-]{0,30}(?:\s+(?:and\s+|&\s+)?[A-Z][\w.-]{0,30}){0,4}\)",
         "Al-Alam '... 12 (Al-Masdar and Sputnik)'"),
    Rule("more_image", "share_line", "tail", r"More\s?Image|Comments?\s*\(\d+\)", "Al-Alam 'MoreImage' at the end"),
    Rule("with_agencies", "credit", "tail", r"\((?:[Ww]ith|[Ss]ource:?|[Ss]ources:?)\s+[^()\n]{1,60}\)(?:\s+Twitter)?",
         "Al Arabiya '(With Reuters and AFP)'; Etilaf '(Source: Syrian Coalition) Twitter'"),
    Rule("source_credit", "credit", "tail",
         r"<<AFTER_SENTENCE>>\s*(?:Sources?:?\s+(?:<<AGENCY>>|[A-Z]\w{0,30}(?:\s+(?:and\s+)?[A-Za-z]\w{0,30}){0,3})|Sources?:\s*\S{1,120}"
         r"|--?\s*<<AGENCY>>|-\s*<<AGENCY>>)",
         "TRT 'Source TRTWorld and agencies', 'Source AA'; NNA '--Reuters', '-AFP', '- REUTERS'"),
    Rule("story_credits", "credit", "tail",
         r"<<AFTER_SENTENCE>>\s*\(?(?:Additional )?(?:[Rr]eporting|[Ww]riting|[Ee]diting|Compiled|Produced) by\b[^.!?\"\n]{1,300}"
         r"|\((?:Additional )?(?:[Rr]eporting|[Ww]riting|[Ee]diting|Compiled|Produced) by\b[^()\n]{1,300}\)",
         "Reuters (FA-KES) 'Reporting by Oliver Holmes; Editing by John Stonestreet'", reach=400),
    Rule("contributed", "credit", "tail",
         r"<<AFTER_SENTENCE>>\s*(?:[A-Z][\w ]{0,30}) contributed(?: to this (?:story|report))?\.?(?:\s+Read Also)?",
         "Al-Araby 'Agencies contributed to this story.', 'Agencies contributed Read Also'"),
    Rule("standards_note", "note", "tail", r"Our Standards:\s*The Thomson Reuters Trust Principles\.?",
         "Reuters (FA-KES), every article"),
    Rule("translation_note", "note", "tail", r"<<AFTER_SENTENCE>>\s*This article is (?:an edited|a) translation[^.!?\n]{0,80}\.?",
         "Al-Araby 'This article is an edited translation from our Arabic edition.'"),
    Rule("publisher_blurb", "note", "tail",
         r"(?<![\w-])(?:Launched|Founded|Established) in [A-Z][\w ]{0,40} in (?:19|20)\d\d[^\n]{0,500}",
         "Asharq Al-Awsat 'Launched in London in 1978 Asharq Al-Awsat has established itself ...'", reach=650),
    Rule("content_warning", "label", "tail", r"<<AFTER_SENTENCE>>\s*(?:WARNING:?\s+)?GRAPHIC CONTENT|Warning: graphic content",
         "Al-Alam '... AMN reports. WARNING GRAPHIC CONTENT' (1962495709)"),
    Rule("desk_name", "credit", "tail", r"<<AFTER_SENTENCE>>\s*English [Bb]ulletin", "SANA 'English bulletin'",
         outlets=("sana",)),
    Rule("trailing_names", "byline", "tail",
         r"<<AFTER_SENTENCE>>\s*<<NAME_WORD>>(?:\s*(?:/|and|\s)\s*<<NAME_WORD>>){0,7}\.?",
         "SANA 'Manar al-Freih / Hazem Sabbagh', 'Manar/Mazen'; Asharq Al-Awsat 'Youssef Diab Paula Astih "
         "and Najla Habriri.'", extend="names_only"),

    # ---- line: whole lines of texts with line breaks --------------------------------------------
    Rule("caption_credit_line", "caption", "line",
         r"(?P<caption>[^\n]{0,300}?)\s*(?P<credit>(?:Image|Photo|Photograph|Picture|Video|Credit|Illustration"
         r"|Graphic|Map)s?:\s*[^\n]{1,80}?\.?)",
         "GUM_interview_herrick 'Herrick at RecentChangesCamp 2008 Image: ShakataGaNai.'; GUM_news_expo; "
         "generic 'Photo: X/AFP'", ignore_case=True),
    Rule("date_line", "dateline", "line", r"<<DATE>><<TIME>>?", "GUM dev, every news document ('Friday, July 21, 2017')"),
    Rule("byline_line", "byline", "line", r"By\s+<<NAME>>(?:\s*(?:,|and|&)\s*<<NAME>>)*(?:\s*[,|]\s*<<AGENCY>>)?",
         "generic web news convention ('By Tom Perry and Suleiman Al-Khalidi')"),
    Rule("widget_line", "share_line", "line",
         r"(?:Advertisement|ADVERTISEMENT|Share this (?:article|story)|Share on (?:Facebook|Twitter)|Follow us on [\w ]{2,40}"
         r"|Sign up for [^\n]{1,80}|Subscribe[^\n]{0,80}|Print this (?:article|page)|Email this (?:article|story))\.?",
         "generic web news convention"),
    Rule("tags_line", "tags", "line", r"(?:Tags|TAGS|Topics|Categories|Filed under|Keywords):\s*[^\n]{1,400}",
         "generic web news convention; Wikinews 'Categories: ...'"),
    Rule("read_more_line", "related_block", "line",
         r"(?:READ MORE|Read [Mm]ore|Read [Aa]lso|Also [Rr]ead|Related|RELATED|See [Aa]lso|More on this story)\s*:?[^\n]{0,200}",
         "generic web news convention ('READ MORE: ...', 'Related: ...')"),
    Rule("copyright_line", "copyright", "line", r"(?:Copyright|\(c\)|©)[^\n]{0,150}", "generic web news convention"),
    Rule("published_line", "published_line", "line",
         r"(?:Published|Updated|Last [Uu]pdated?|Posted|First published)(?:\s+on|\s+at|:)?[^\n]{0,60}?(?:<<DATE>>|\d\d?[:.]\d\d)[^\n]{0,40}",
         "generic web news convention ('Published on 5 June 2016', 'Updated 12:30 GMT')"),
    Rule("section_heading", "heading", "line", r"[A-Z][\w'’]{0,30}(?:-[\w'’]{1,30})*(?:\s+[\w'’]{1,30}(?:-[\w'’]{1,30})*){0,3}",
         "GUM dev interviews 'Background', 'General questions', 'Operating the business'", extend="heading"),
)
