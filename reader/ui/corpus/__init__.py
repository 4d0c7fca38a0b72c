"""Corpus overview: the whole library at a glance.

The dialog that scans the library in the background and then shows a similarity heat map
(``matrix``), a derivation graph (``views``) and the table of pairs (``overview``). Opened from
Library ▸ Corpus Overview….
"""
