// Loaded by scripts/jshell.sh before anything else (not a script of examples/jshell/): Berth's packages are imported.
import dev.berth.*;
import dev.berth.model.*;
import dev.berth.errors.*;
import dev.berth.transport.*;
import java.nio.file.*;
import java.time.*;
import java.util.*;
