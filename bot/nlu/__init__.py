"""NLU: the Rasa graph components (bot.nlu.components) and the language and safety logic they run.

Everything here shapes what the model sees: scripts/train_if_needed.py fingerprints the whole folder."""
