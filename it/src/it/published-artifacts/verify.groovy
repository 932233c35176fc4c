// What Maven Central requires of every published artifact, short of the signatures: a POM with name, description,
// url, licence, developers and scm (a module's may come from its parent), and beside each jar a sources and a javadoc
// jar. And the BOM manages scratchnet's library artifacts, nothing else, with no parent to inherit more from.
import java.util.jar.JarFile
import javax.xml.parsers.DocumentBuilderFactory
import javax.xml.xpath.XPathFactory

def libraries = ['scratchnet-annotations', 'scratchnet-processor', 'scratchnet-runtime', 'scratchnet-kotlin', 'scratchnet-spark']
def repo = new File(localRepositoryPath, 'dev/scratchnet')
def file = { String artifact, String suffix -> new File(repo, "${artifact}/${projectVersion}/${artifact}-${projectVersion}${suffix}") }
def xpath = XPathFactory.newInstance().newXPath()
def pom = { String artifact -> DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file(artifact, '.pom')) }
def value = { doc, String path -> xpath.evaluate(path, doc).trim() }
// A module's POM, then its parent's: Maven and Central read the inherited elements there.
def inherited = { String artifact, String path ->
    def own = value(pom(artifact), path)
    own ?: value(pom(value(pom(artifact), '/project/parent/artifactId')), path)
}
def metadata = ['/project/url', '/project/licenses/license/name', '/project/licenses/license/url',
                '/project/developers/developer/name', '/project/scm/url', '/project/scm/connection']

(libraries + ['scratchnet-parent', 'scratchnet-bom']).each { artifact ->
    def doc = pom(artifact)
    ['/project/name', '/project/description'].each { assert value(doc, it) : "${artifact}: no ${it}" }
    metadata.each { assert inherited(artifact, it) : "${artifact}: no ${it}, neither its own nor its parent's" }
}

libraries.each { artifact ->
    ['.jar', '-sources.jar', '-javadoc.jar'].each { assert file(artifact, it).isFile() : "${artifact}: no ${it}" }
    new JarFile(file(artifact, '.jar')).withCloseable { jar ->
        def name = jar.manifest.mainAttributes.getValue('Automatic-Module-Name')
        assert name?.startsWith('dev.scratchnet.') : "${artifact}: Automatic-Module-Name is ${name}"
    }
    new JarFile(file(artifact, '-sources.jar')).withCloseable { jar ->
        assert jar.entries().toList().any { it.name.endsWith('.java') || it.name.endsWith('.kt') } : "${artifact}: empty sources jar"
    }
    new JarFile(file(artifact, '-javadoc.jar')).withCloseable { jar ->
        assert jar.entries().toList().any { it.name.endsWith('index.html') } : "${artifact}: javadoc jar has no index.html"
    }
}

def bom = pom('scratchnet-bom')
assert !value(bom, '/project/parent/artifactId') : 'the BOM inherits from a parent, and so would manage its versions too'
def managed = xpath.evaluate('/project/dependencyManagement/dependencies/dependency', bom, javax.xml.xpath.XPathConstants.NODESET)
def coordinates = (0..<managed.length).collect { value(managed.item(it), 'groupId') + ':' + value(managed.item(it), 'artifactId') }
assert coordinates.sort() == libraries.collect { 'dev.scratchnet:' + it }.sort() : "the BOM manages ${coordinates}"
