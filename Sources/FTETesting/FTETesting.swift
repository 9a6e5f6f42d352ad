import FTECore
