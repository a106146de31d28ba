"""samfam.listing: a listing's fields come from its row type, in order, and are written once."""

from __future__ import annotations

from typing import NotRequired, TypedDict

from samfam.listing import Column, Listing


class Row(TypedDict):
    case: str
    next_due: str
    attention: NotRequired[list[str]]


COLUMNS = (Column("case", "Case", keep=True), Column("next_due", "Due", keep=True))


def test_a_listings_fields_are_its_row_types_keys_in_order():
    listing = Listing.of(Row, COLUMNS)
    assert listing.fields == ("case", "next_due", "attention")
    assert listing.names == ("case", "next_due", "attention")


def test_a_listing_whose_rows_carry_their_own_keys_still_names_them_for_fields():
    listing = Listing.of(Row, COLUMNS, every=False)
    assert listing.fields is None  # JSON carries each row's own keys
    assert listing.names == ("case", "next_due", "attention")


def test_without_fields_the_columns_name_what_fields_may_choose():
    assert Listing(COLUMNS).names == ("case", "next_due")


def test_a_column_is_free_text_unless_kept_whole():
    assert Column("note", "Note").wrap and not Column("note", "Note").keep
    assert Column("case", "Case", keep=True).keep
