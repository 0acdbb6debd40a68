"""One module per statement layout; importing a module registers its layout."""
