"""The live step kinds of the cases app: case work, persona, service path and causal map.

They plug into `workshops.live` (a `LiveKind` per step kind, registered in `CasesConfig`);
`workshops` knows nothing of them. A step's `settings` name the artefact it works on
(`ARTEFACT_KEYS`), chosen by the facilitator in the cockpit.
"""
