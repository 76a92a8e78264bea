"""Keyword libraries, evasion-robust normalisation, Aho-Corasick matching and ``KeywordStage``."""
