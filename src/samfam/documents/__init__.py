"""Documents for people outside the terminal: the family's plan and the weekly report, in Markdown and HTML."""
