"""Fund pages for unit staff (one module per topic), and the public transparency portal (``public``)."""
