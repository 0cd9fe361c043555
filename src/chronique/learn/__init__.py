"""Trained models beside the rules: what to learn from (gold corpora), the features the parse
gives, the trigger model, and how a user retrains it (``chronique train``)."""
