"""The coder's parts: every component (lexicon, gazetteer, resolver, ...) and every stage,
built once from the settings. ``Coder`` (``coding/coder.py``) wires them."""

from __future__ import annotations

from chronique.actors.mentions import MentionFinder
from chronique.actors.resolve import ActorResolver
from chronique.build import EventBuilder
from chronique.coding.actors import ActorStage
from chronique.coding.arguments import ArgumentStage
from chronique.coding.build import BuildStage
from chronique.coding.dates import DateStage
from chronique.coding.invented import CondemnedActs
from chronique.coding.mentions import MentionStage
from chronique.coding.modality import ModalityStage
from chronique.coding.parse import ParseStage
from chronique.coding.places import PlaceStage
from chronique.coding.recode import Recoder
from chronique.coding.triggers import TriggerStage
from chronique.dates import DateResolver
from chronique.events.arguments import ArgumentAssigner
from chronique.events.modality import ModalityReader
from chronique.events.ontology import Ontology
from chronique.events.triggers import TriggerMatcher
from chronique.lang import setting
from chronique.learn.calibration import Calibration
from chronique.learn.participants import load_participants
from chronique.learn.trigger_model import SHIPPED, load_model
from chronique.lexicon import Lexicon
from chronique.places.gazetteer import Gazetteer
from chronique.places.locate import PlaceFinder
from chronique.settings import Settings
from chronique.version import __version__


class CoderParts:
    """The components and stages of a coder, built once."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = s = settings or Settings()
        self.parse = ParseStage(s.model)
        self.nlp = self.parse.nlp
        self.lexicon = lex = Lexicon.load(s.lexicons)
        self.gazetteer = Gazetteer(tuple(s.lexicons), lex.country_names, lex.country_label,
                                   lex.demonyms, lex.capitals())
        self.finder = MentionFinder(lex, self.nlp)
        self.resolver = ActorResolver(lex, self.gazetteer)
        self.matcher = TriggerMatcher(lex)
        self.modality = ModalityReader(lex)
        self.assigner = ArgumentAssigner(self.resolver, lex.cue_words("light_verbs"),
                                         self.modality.saying)
        self.dates = DateResolver()
        self.places = PlaceFinder(self.gazetteer)
        self.builder = EventBuilder(Ontology(lex), __version__)
        models = not s.rules_only
        self.actor_stage = ActorStage(self.resolver, MentionStage(self.finder))
        self.trigger_stage = TriggerStage(self.matcher, load_model(s.trigger_model) if models
                                          else None, self.modality, self.assigner, self.resolver)
        self.argument_stage = ArgumentStage(self.assigner, self.resolver, load_participants(
            s.trigger_model) if models else None)
        self.modality_stage = ModalityStage(self.modality, lex.cues["obligation"]["id"])
        self.recode = Recoder()
        self.date_stage = DateStage(self.dates)
        self.place_stage = PlaceStage(self.places, self.gazetteer, self.modality)
        self.condemned = CondemnedActs(lex.cues)
        self.build = BuildStage(self.builder, Calibration.load(
            (s.trigger_model or SHIPPED) / "calibration.json") if models else None,
            setting("emit", "min_confidence") if s.min_confidence is None else s.min_confidence)

    trigger_model = property(lambda self: self.trigger_stage.model)
    participant_model = property(lambda self: self.argument_stage.model)
    calibration = property(lambda self: self.build.calibration,
                           lambda self, value: setattr(self.build, "calibration", value))
