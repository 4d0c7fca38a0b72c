"""Reading: the two-pane comparison of documents A and B.

The comparison model (``Comparison``: the pair, the settings, the alignment, the selected
match), the two reading panes with their passage highlights, the connector gutter between them
(link map), synchronized scrolling, the passage list, the summary bar, the legend, the matching
settings panel, and the helpers they share: the look of each match kind, the spans to paint,
where matches lie (``PassageIndex``) and the translation of text offsets to Qt positions.
"""
