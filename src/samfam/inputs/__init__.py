"""Files people bring: tables read from CSV and xlsx, as plain rows with their line numbers."""
