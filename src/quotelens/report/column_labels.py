"""The labels of the report's tables, as data: column names and coded values as a reader of the
report would say them ("Statements scored" for `n_scored`, "reported speech" for `indirect`).
report.table_labels applies them. A column gets its label here, in one place, whichever
notebook shows it; tests/test_report_tables.py fails on a shown column without one.

Counts say what they count; shares and means give their scale in the label; numbers in other
units name the unit ("characters", "YYYY-MM").
"""

from __future__ import annotations

#: Column name -> label. Counts say what they count; shares and means give their scale.
COLUMN_LABELS: dict[str, str] = {
    # outlet summary (compare.comparisons.outlet_summary)
    "outlet_group": "Outlet group",
    "source": "Outlet",
    "n_articles": "Articles",
    "n_articles_quoting": "Articles with statements",
    "n_statements": "Statements",
    "statements_per_article": "Statements per article",
    "n_speakers": "Speakers",
    "n_direct": "Direct quotes",
    "n_mixed": "Mixed (reported, with a quoted fragment)",
    "n_reported": "Reported speech",
    "share_direct": "Share of direct quotes (0-1)",
    "n_scored": "Statements scored",
    "mean_sentiment": "Mean sentiment (-1 to 1)",
    # articles (01_articles: quotelens.load.profile)
    "article_id": "Article id",
    "title": "Title",
    "date": "Date",
    "month": "Month (YYYY-MM)",
    "origin": "Input file",
    "line": "Line",
    "reason": "Why rejected",
    "status": "Status",
    "duplicate_of": "Copy of article",
    "similarity": "Text similarity to the original (0-1)",
    "source_of_original": "Outlet of the original",
    "date_of_original": "Date of the original",
    "title_of_original": "Title of the original",
    "n_copies": "Copies among them",
    # statements (02_statements: quotelens.extract.summary)
    "statement_id": "Statement id",
    "speaker": "Speaker",
    "speaker_mention": "Speaker as written",
    "speaker_type": "Speaker type",
    "members": "Its members among the named actors",
    "speaker_kind": "Kind of speaker",
    "speaker_side": "Side (actor registry)",
    "in_registry": "In the actor registry",
    "key": "Merged under (surname or name)",
    "mentions": "Spellings merged",
    "cue": "Reporting verb or cue",
    "quote": "Statement",
    "rule": "Extraction rule",
    "confidence": "Confidence (0-1)",
    "mean_confidence": "Mean confidence (0-1)",
    "direct": "Direct quotes",
    "indirect": "Reported speech",
    "mixed": "Mixed",
    "according_to": "According to",
    "share": "Share of all statements (0-1)",
    # sentiment (03_sentiment: quotelens.sentiment)
    "vader": "VADER, NLTK (-1 to 1)",
    "vader_package": "VADER, vaderSentiment package (-1 to 1)",
    "afinn": "AFINN (-1 to 1)",
    "ngram": "n-gram model (-1 to 1)",
    "ensemble": "Ensemble (-1 to 1)",
    "sentiment": "Sentiment (-1 to 1)",
    "sentiment_unmasked": "Sentiment, topic words kept (-1 to 1)",
    "vader_unmasked": "VADER, topic words kept (-1 to 1)",
    "masked_terms": "Topic words masked",
    "evidence": "Words behind the score",
    "evidence_vader": "Words VADER counted",
    "label": "Sentiment label",
    "mean": "Mean sentiment (-1 to 1)",
    "ci_low": "95% interval, low",
    "ci_high": "95% interval, high",
    "share_negative": "Share negative (0-1)",
    "share_neutral": "Share neutral (0-1)",
    "share_positive": "Share positive (0-1)",
    "flags": "Flags",
    "start": "Start (character offset)",
    "end": "End (character offset)",
    "devtest_mt.jsonl": "Macro-F1, NewsMTSC devtest, multiple targets",
    "devtest_rw.jsonl": "Macro-F1, NewsMTSC devtest, real-world sample",
    # keywords (04_keywords: quotelens.keywords)
    "rank": "Rank",
    "term": "Term",
    "n_group": "Occurrences in the group's statements",
    "n_rest": "Occurrences in all other statements",
    "z": "z (Monroe et al.)",
    "stability": "Stability (0-1)",
    "chi2": "Chi-squared",
    "g2": "Log-likelihood G2",
    "tfidf": "TF-IDF",
    "statements": "Statements",
    "tokens": "Tokens",
    "terms": "Distinct terms",
    "mean_stability": "Mean stability of the top terms (0-1)",
    "share_at_least_0_8": "Share of top terms with stability of at least 0.8 (0-1)",
    "phrase": "Phrase",
    "score": "Score",
    "measure": "Measure",
    # comparisons (05_comparisons: quotelens.compare)
    "group": "Outlet group",
    "group_label": "Outlet group",
    "n_outlets": "Outlets",
    "name": "Name",
    "rationale": "Rationale",
    "share_of_by": "Share of the outlet's statements (0-1)",
    "n_unnamed": "Statements by unnamed sources",
    "share_elsewhere": "Share in all others together (0-1)",
    "elsewhere_low": "All others: 95% interval, low",
    "elsewhere_high": "All others: 95% interval, high",
    "few_articles": "Fewer than 5 articles",
    "mean_unmasked": "Mean sentiment, topic words kept (-1 to 1)",
    "unmasked_low": "Topic words kept: 95% interval, low",
    "unmasked_high": "Topic words kept: 95% interval, high",
    "masking_shift": "Shift from masking (score units)",
    "n_articles_corpus": "Articles in the corpus",
    "sign": "Sign",
    "weight": "Weight",
    # keyword in context (04_keywords: quotelens.keywords.kwic)
    "left": "Before",
    "match": "Term as written",
    "right": "After",
    "quote_start": "Start in the statement (character offset)",
    "quote_end": "End in the statement (character offset)",
    # statement extraction against the gold (scripts/evaluate_statements.py)
    "threshold": "Span overlap at least",
    "type": "Statement type",
    "n_gold": "Gold statements",
    "n_pred": "Statements found",
    "matched_gold": "Gold statements found",
    "matched_pred": "Found statements in the gold",
    "correct_gold": "Gold statements found with their speaker",
    "correct_pred": "Found statements with the gold speaker",
    "quote_precision": "Quote precision",
    "quote_recall": "Quote recall",
    "quote_f1": "Quote F1",
    "pair_precision": "Quote and speaker precision",
    "pair_recall": "Quote and speaker recall",
    "pair_f1": "Quote and speaker F1",
    "attribution_accuracy": "Speaker right (share of found quotes)",
    # sentiment against human labels (scripts/evaluate_sentiment.py)
    "method": "Method",
    "file": "Test set",
    "unit": "Unit",
    "masking": "Topic words",
    "n": "n",
    "accuracy": "Accuracy",
    "macro_f1": "Macro-F1",
    "pearson_r": "Pearson r",
    "set": "Rating set",
    # the summary table of docs/evaluation/sentiment.json ("mt", "rw": NewsMTSC's two devtest sets)
    "mt F1 sentence": "Macro-F1, sentences (multiple-target set)",
    "mt F1 target": "Macro-F1, targets (multiple-target set)",
    "mt accuracy target": "Accuracy, targets (multiple-target set)",
    "mt r sentence": "Pearson r, sentences (multiple-target set)",
    "rw F1 sentence": "Macro-F1, sentences (real-world set)",
    "rw F1 target": "Macro-F1, targets (real-world set)",
    "rw accuracy target": "Accuracy, targets (real-world set)",
    "rw r sentence": "Pearson r, sentences (real-world set)",
    "amazon r": "Pearson r, Amazon reviews",
    "movie r": "Pearson r, movie reviews",
    "tweets r": "Pearson r, tweets",
}

#: Column name -> {coded value -> label}; values not listed are shown as they are.
VALUE_LABELS: dict[str, dict[str, str]] = {
    "type": {
        "all": "all",
        "direct": "direct quote",
        "indirect": "reported speech",
        "mixed": "mixed",
        "according_to": "according to",
    },
    "method": {
        "vader": "VADER (NLTK)",
        "vader_package": "VADER (vaderSentiment package)",
        "afinn": "AFINN",
        "ngram": "n-gram model",
        "ensemble": "ensemble (the headline score)",
        "ensemble_old": "ensemble before issue 15",
        "lexicon_mean": "mean of the standardised lexicons",
        "target": "sentiment towards each target",
        # the summary table of docs/evaluation/sentiment.json names its rows with code spans
        "sentiment towards each target (`target_sentiment`)": "sentiment towards each target",
        "headline (`sentiment`, constrained ensemble)": "headline score (constrained ensemble)",
    },
    "file": {
        "devtest_mt.jsonl": "NewsMTSC devtest, multiple targets",
        "devtest_rw.jsonl": "NewsMTSC devtest, real-world sample",
    },
    "masking": {"masked": "masked", "unmasked": "not masked"},
    "unit": {"sentence": "sentences", "target": "targets", "target, mixed sentences": "targets in sentences of mixed tone"},
    "speaker_kind": {"news_agency": "news agency", "unnamed": "unnamed source"},
    "measure": {"likelihood_ratio": "likelihood ratio (Dunning)", "pmi": "PMI (bits)"},
    "set": {"amazon": "Amazon reviews", "movie": "movie reviews", "tweets": "tweets"},
}


#: Legends whose entries are codes, by the legend's title: title -> (the title as words, the
#: entries' codes as words). quotelens.figures.save_figure applies them to every figure, so a
#: legend titled "method" reads "VADER (NLTK)", not "vader"; an entry not listed keeps its text.
LEGEND_LABELS: dict[str, tuple[str, dict[str, str]]] = {
    "type": ("statement form", VALUE_LABELS["type"]),
    "form": ("statement form", {"direct": "direct quote", "mixed": "reported speech with a quoted fragment",
                                "reported": 'reported speech (and "according to")'}),
    "method": ("sentiment method", VALUE_LABELS["method"]),
}

#: The first part of a statement's `rule` (`pass+resolution`, quotelens.extract): which layout the
#: statement was found in, as a reader would say it. report.table_labels.rule_label joins it with
#: RULE_SPEAKER_LABELS; a pass not listed is shown as written.
RULE_PASS_LABELS: dict[str, str] = {
    "direct_after": "direct quote, speaker after it",
    "direct_before": "direct quote, speaker before it",
    "direct_colon": "direct quote after a colon",
    "direct_dash": "direct quote, speaker after a dash",
    "direct_split": "second part of a split direct quote",
    "direct_according": 'direct quote, "according to" the speaker',
    "mixed_that": "reported speech with a quoted fragment",
    "quote_fragment": "quoted fragment in the speaker's sentence",
    "quote_continues": "direct quote continued from the paragraph before",
    "interview_answer": "answer in an interview",
    "reported": "reported speech, speaker before the verb",
    "reported_that": 'reported speech in a "that" clause',
    "reported_object": 'reported speech, the verb\'s object ("denied responsibility")',
    "reported_backward": "reported speech, speaker after the words",
    "reported_inverted": 'reported speech, verb before the speaker ("said the army")',
    "mid_sentence_tag": "reported speech, attribution inside the sentence",
    "according_to": '"according to" the speaker',
    "participle": 'reported speech after a participle ("..., saying")',
    "coordinated": 'a further clause of the same speaker ("and added that")',
    "coordinated_subject": "reported speech of one of two joined speakers",
    "quoted_as_saying": '"quoted as saying"',
}

#: The second part of a statement's `rule`: how its speaker was found (quotelens.extract's
#: Resolution.how). A part not listed is shown as written.
RULE_SPEAKER_LABELS: dict[str, str] = {
    "name": "named there (registry actor)",
    "unknown_name": "named there",
    "generic": 'described there ("activists")',
    "unnamed": 'unnamed source described there ("a military source")',
    "pronoun:last_speaker": "a pronoun, taken as the last speaker",
    "pronoun:last_mention": "a pronoun, taken as the last person or body named",
    "pronoun:last_name": "a pronoun, taken as the last name",
    "pronoun:sentence_subject": "a pronoun, taken as the subject of the sentence",
    "pronoun_unresolved": "a pronoun left unresolved",
    "role:last_speaker": 'a role noun ("the minister"), taken as the last speaker',
    "role:last_mention": 'a role noun ("the minister"), taken as the last actor named',
    "role:next_mention": 'a role noun, taken as the name that follows it',
    "role:role_of_side": "a role noun, taken as the registry's holder of that role",
    "role:document": "a document, taken as its author",
    "role:last_outlet": "an outlet's reporter, taken as the outlet",
    "role:sentence_subject": "a role noun, taken as the subject of the sentence",
    "unnamed:next_speaker": "an unnamed source, taken as the speaker named next",
    "named_document": "a document named earlier",
    "role:described_organisation": "a description, taken as the organisation it describes",
    "pronoun:salient": "a pronoun, taken as the actor most in view",
    "interviewee": "the interviewee the interview names at its start",
}

#: The family of a speaker part not listed above (the part before ":"), for codes added later.
RULE_SPEAKER_FAMILIES: dict[str, str] = {
    "pronoun": "a pronoun", "role": "a role noun or description", "unnamed": "an unnamed source",
}


#: Column name -> decimals shown, where the default (3) says more than the number holds.
COLUMN_DECIMALS: dict[str, int] = {
    "z": 2, "chi2": 1, "g2": 1, "score": 2, "similarity": 2, "confidence": 2, "mean_confidence": 2,
    "stability": 2, "mean_stability": 2, "share_at_least_0_8": 2, "statements_per_article": 1,
}
