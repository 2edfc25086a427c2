"""`declean demo`: the detector as a web page and a JSON API, with users' feedback stored."""
