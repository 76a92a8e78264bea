"""Chinese and English illegal-ad and spam signals (issue 16 item 4): contact
channels, lures and illegal trades, and the risk codes of their co-occurrence."""
