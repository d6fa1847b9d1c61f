"""Pure numpy models behind the course's explorers. No plotting and no widgets here."""
