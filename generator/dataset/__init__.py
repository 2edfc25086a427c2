"""From a run store to a dataset people load with one line, and a detector scored on it.

`rows` decides which samples make the dataset and with which labels, `split` assigns whole
problems to train/test, `export` writes the Hugging Face dataset, its card and figures, and
`evaluation` runs the detector prompt on an export and scores it per label.
"""
