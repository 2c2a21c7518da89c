import type { RespondFn } from "@slack/bolt";
import type { Send } from "../answer-once.ts";

/**
 * Replies to a click: an answer takes the place of the message clicked in; a refusal or a
 * problem is shown to the person who clicked only, leaving the message as it was.
 */
export function replaceWhenAnswered(respond: RespondFn): Send {
  return async (reply, answered) => {
    await respond(
      answered
        ? { replace_original: true, ...reply }
        : { response_type: "ephemeral", replace_original: false, ...reply },
    );
  };
}
