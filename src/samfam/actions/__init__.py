"""The writes, one module per subject. Each action is one unit of work: all of it is stored with its
audit row, or none of it (see samfam.store.work). Actions may read (samfam.views); no read writes."""
