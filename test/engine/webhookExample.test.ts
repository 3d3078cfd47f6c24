import { describe, expect, it } from "vitest";
import { type Receiver, startReceiver } from "../../examples/webhook/receiver";
import { useEngineStack } from "../support/engineFixture";

// examples/webhook through the real CLI: its receiver (started here, as a backend would run) gets a correctly signed
// file.uploaded for the example's File, which is uploaded once the Webhook exists.
const SECRET = "example-signing-secret-0001";

describe("examples/webhook", () => {
    let receiver: Receiver;
    const printed: string[] = [];

    const stack = useEngineStack({
        project: { example: "webhook" },
        before: async () => {
            receiver = await startReceiver(SECRET, 0, (line) => printed.push(line));
        },
        config: () => ({ targetUrl: receiver.url }),
        secrets: { signingSecret: SECRET },
        after: () => receiver?.close(),
    });

    it("up subscribes the receiver, then uploads the File, whose file.uploaded reaches it signed; destroy removes both", async () => {
        await stack.ws.up();
        const [hook] = stack.emulator.webhooks();
        expect(hook).toMatchObject({ targetUrl: receiver.url, event: "file.uploaded", signingSecret: SECRET });
        const outputs = await stack.ws.outputs();
        expect(outputs.webhookId).toBe(String(hook?.id));

        // The example's File was uploaded after the webhook existed: its delivery is queued; deliver it now.
        const uuid = outputs.helloUuid;
        expect(stack.emulator.files().map((f) => f.uuid)).toEqual([uuid]);
        await stack.emulator.flushWebhookDeliveries();

        expect(receiver.deliveries).toEqual([{ event: "file.uploaded", uuid, verified: true }]);
        const [delivery] = stack.emulator.webhookDeliveries();
        expect(delivery).toMatchObject({ outcome: "delivered", status: 200, signed: true, attempts: 1 });
        console.log(["delivery example:", ...printed, `emulator: ${JSON.stringify(delivery)}`].join("\n"));

        await stack.ws.destroy();
        expect(stack.emulator.webhooks()).toEqual([]);
        expect(stack.emulator.files().map((f) => [f.uuid, f.datetimeRemoved !== null])).toEqual([[uuid, true]]);
    });
});
