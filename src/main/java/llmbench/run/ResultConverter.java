package llmbench.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZonedDateTime;
import java.util.List;
import llmbench.results.RunInfo;
import llmbench.timing.RequestRecord;

/** Turns a run's request records into its benchmark JSON; called for partial files too. */
@FunctionalInterface
public interface ResultConverter {
    ObjectNode convert(List<RequestRecord> records, RunInfo info, boolean partial, ZonedDateTime now);
}
