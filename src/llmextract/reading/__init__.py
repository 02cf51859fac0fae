"""The embedded readers: table layouts by position, table assembly, prose facts."""
