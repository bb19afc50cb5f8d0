"""Rules over several reports: summaries, agency identity, the copy search and the repository phase."""
