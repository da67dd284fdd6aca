"""News agencies (wire services), by the names news articles cite them under, lower case, and the
words that make a name one ("Yonhap news agency", "the state news agency").

Source: written for this project for `quotelens registry-draft`, from the agencies cited in the
seed article, FA-KES and the GUM Wikinews articles, completed with the other national and
international wire services most often cited in English-language news.
"""

NEWS_AGENCIES = frozenset(
    """reuters afp ap upi bloomberg xinhua tass itar-tass ria interfax sputnik kyodo jiji yonhap kcna
    anadolu irna isna fars tasnim mehr sana petra wam spa qna kuna mena bernama antara pti ians efe
    ansa dpa apa belga anp ntb ritzau stt pap ctk mti bta ukrinform unian aap""".split()
)
# Several-word names, matched as whole names (lower case).
NEWS_AGENCY_NAMES = frozenset({
    "agence france-presse", "associated press", "united press international", "ria novosti", "press association",
    "canadian press", "australian associated press", "press trust of india", "kyodo news", "yonhap news",
    "xinhua news agency", "anadolu agency", "islamic republic news agency", "syrian arab news agency",
})
# Words that make a name a news agency's ("Fars news agency", "the state news agency").
NEWS_AGENCY_WORDS = ("news agency", "press agency", "wire service", "news service")
