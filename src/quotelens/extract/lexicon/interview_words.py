"""Words that mark an interview in a title or lead ("Wikinews interviews X", "Interview with X",
"X spoke to us", "interviewee X"), and names an outlet uses for itself, which never answer.

Source: written for this project from the wording of interview leads in English news and
wire copy (the usual "in an interview with", "sat down with", "spoke to", "Q&A" formulas); the
self-names are the outlets of the news gold's sources (Wikinews) and the generic words outlets
use for their own reporters.
"""

import re

# Regex fragments (case-insensitive) after which the interviewee's name follows.
INTERVIEW_CUES = (
    r"interviews?", r"interviewed", r"interview\s+with", r"interviewee", r"spoke\s+(?:with|to)",
    r"speaks\s+(?:with|to)", r"talked\s+(?:with|to)", r"talks\s+(?:with|to)", r"sat\s+down\s+with",
    r"in\s+conversation\s+with", r"Q\s*&\s*A\s+with", r"questions?\s+(?:for|to)",
)
# A title naming an interview.
INTERVIEW_TITLE = re.compile(r"\binterview|\bQ\s*&\s*A\b|\bin\s+conversation\s+with\b|\btalks\s+to\b",
                             re.IGNORECASE)
# Names an outlet uses for itself (never the interviewee).
OUTLET_SELF_NAMES = frozenset(("Wikinews", "Wikipedia"))
