// Images in JShell: list, inspect (with the layer list), history, tag, rmi. Run it with
//   scripts/jshell.sh examples/jshell/images.jsh          (DOCKER_HOST or the default socket; image: BERTH_TEST_IMAGE)
// or paste the lines into scripts/jshell.sh one by one. Each line printed starts with the step's name.
import dev.berth.*;
import dev.berth.model.*;

var docker = Docker.connect();
var image = System.getenv().getOrDefault("BERTH_TEST_IMAGE", "busybox");
var images = docker.images();
if (!images.exists(image)) images.pull(image);

// docker images
var listed = images.list();
System.out.println("images: " + image + " listed=" + listed.stream().anyMatch(i -> i.repoTags().contains(image)));

// docker image inspect: the layers, bottom first
var details = images.inspect(image);
System.out.println("inspect: " + details.os() + "/" + details.architecture() + ", "
        + details.rootFs().layers().size() + " layer(s)");
details.rootFs().layers().forEach(layer -> System.out.println("layer: " + layer.substring(0, 19)));
System.out.println("history: " + images.history(image).size() + " step(s)");

// docker tag IMAGE NAME, then docker rmi NAME (only the name goes; the image stays)
var name = "berth-example/jshell-images:" + java.util.UUID.randomUUID().toString().substring(0, 8);
images.tag(image, name);
System.out.println("tag: same image=" + images.inspect(name).id().equals(details.id()));
var removed = images.remove(name);
System.out.println("rmi: " + removed.size() + " line(s), untagged=" + removed.get(0).untagged().equals(name)
        + ", image kept=" + images.exists(image));
docker.close();
/exit
