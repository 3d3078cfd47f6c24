import { describe, expect, it } from "vitest";
import { type Receiver, startReceiver } from "../../examples/webhook/receiver";
import { useEngineStack } from "../support/engineFixture";

// examples/webhook through the real CLI: its receiver (started here, as a backend would run) gets a correctly signed
// file.uploaded once a file is uploaded to the project the Webhook belongs to.
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

    it("up subscribes the receiver; an upload reaches it, signed; destroy unsubscribes", async () => {
        await stack.ws.up();
        const [hook] = stack.emulator.webhooks();
        expect(hook).toMatchObject({ targetUrl: receiver.url, event: "file.uploaded", signingSecret: SECRET });
        expect((await stack.ws.outputs()).webhookId).toBe(String(hook?.id));

        // The upload a File resource makes (Upload API POST /base/).
        const form = new FormData();
        form.append("UPLOADCARE_PUB_KEY", stack.emulator.publicKey);
        form.append("UPLOADCARE_STORE", "1");
        form.append("file", new Blob(["hi"], { type: "text/plain" }), "hi.txt");
        const res = await fetch(`${stack.emulator.url}/base/`, { method: "POST", body: form });
        const uuid = ((await res.json()) as { file: string }).file;
        await stack.emulator.flushWebhookDeliveries();

        expect(receiver.deliveries).toEqual([{ event: "file.uploaded", uuid, verified: true }]);
        const [delivery] = stack.emulator.webhookDeliveries();
        expect(delivery).toMatchObject({ outcome: "delivered", status: 200, signed: true, attempts: 1 });
        console.log(["delivery example:", ...printed, `emulator: ${JSON.stringify(delivery)}`].join("\n"));

        await stack.ws.destroy();
        expect(stack.emulator.webhooks()).toEqual([]);
    });
});
