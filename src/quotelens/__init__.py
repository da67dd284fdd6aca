"""quotelens: who said what, how, and in which words, across a corpus of news."""

__version__ = "0.1.0"
