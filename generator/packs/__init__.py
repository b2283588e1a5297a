"""Knowledge packs: curated, sourced data shipped with the tool (sensitive days per country,
names of past tragedies, risk lexicons) that a playbook switches on by id.

The data is in `data/<pack id>.yaml` (the format: model.py). reader.py reads and checks the
files, dates.py turns movable days into dates, select.py works out which entries a playbook
turns on and how they read in its own terms (its severities, categories and accounts). The
checker sees packs only through the rules document (generator/checker/packrules.py).
"""
