// Containers in JShell: run, exec, logs, stop, remove. Run it with
//   scripts/jshell.sh examples/jshell/containers.jsh      (DOCKER_HOST or the default socket; image: BERTH_TEST_IMAGE)
// or paste the lines into scripts/jshell.sh one by one. Each line printed starts with the step's name.
import dev.berth.*;
import dev.berth.model.*;
import java.time.Duration;

var docker = Docker.connect();
var image = System.getenv().getOrDefault("BERTH_TEST_IMAGE", "busybox");
var c = docker.containers();

// docker run -d --init --label dev.berth.example=jshell-containers IMAGE sh -c '...'
var box = c.run(ContainerSpec.builder(image).label("dev.berth.example", "jshell-containers").init()
        .cmd("sh", "-c", "echo hello from the container log; exec sleep 60").build());
System.out.println("run: running=" + box.state().running());

// docker exec ID echo ...
var result = c.exec(box.id(), "echo", "hello from exec");
System.out.println("exec: exit " + result.exitCode() + ", " + result.stdout().trim());

// docker logs -f ID, first line only (closing the stream ends the follow)
try (var lines = c.logs(box.id()).follow().lines()) {
    System.out.println("logs: " + lines.findFirst().map(LogLine::text).orElse("(none)"));
}

// docker ps --filter id=ID, docker stop, docker rm
System.out.println("ps: " + c.list(ContainerQuery.running().filter("id", box.id())).size() + " running");
System.out.println("stop: " + c.stop(box.id(), StopOptions.defaults().withTimeout(Duration.ofSeconds(5))));
c.remove(box.id());
System.out.println("rm: gone=" + c.list(ContainerQuery.all().filter("id", box.id())).isEmpty());

// any docker run line, as written: parsed by ContainerSpec.parse, run by Berth (--rm: gone when it ends)
var parsed = c.runAndWait(ContainerSpec.parse("run --rm --label dev.berth.example=jshell-containers -e GREETING=hi "
        + "--ulimit nofile=1024 " + image + " sh -c 'echo $GREETING; ulimit -n'"));
System.out.println("parse: exit " + parsed.exitCode() + ", " + parsed.stdout().trim().replace('\n', ' '));
docker.close();
/exit
