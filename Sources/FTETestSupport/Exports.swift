// Tests use the fakes with their fixtures: one import gives both.
@_exported import FTEFakes
