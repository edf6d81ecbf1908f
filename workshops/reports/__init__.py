"""The final report of a series: its sections (a registry other apps add to), the texts the
staff edit before export, and the PDF rendering."""
